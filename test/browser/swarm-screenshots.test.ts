import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGES } from '../support/fixture-images';
import { screenshotBothThemes } from '../support/screenshots';
import { unplaceableService, type TestSwarm } from '../support/swarm';
import { startSwarmUi } from '../support/swarm-session';
import { launchFromUi, row, showContainers, showView, type UiSession } from '../support/ui-session';

/** The Swarm views, light and dark, on a private two-node Swarm (see test/support/screenshots.ts). */
let swarm: TestSwarm;
let ui: UiSession;
const MIB = 1024 ** 2;
const running = ['alice', 'bob', 'carol', 'dave'];

let session: Awaited<ReturnType<typeof startSwarmUi>>;

beforeAll(async () => {
  session = await startSwarmUi('ui-swarm-shots', [IMAGES.labeled, IMAGES.webapp]);
  ({ swarm, ui } = session);
}, 180_000);

afterAll(() => session?.close(), 60_000);

/** Shot at `size` (wider, or taller, than the other views' 1400x820 where what matters needs it). */
async function shoot(name: string, size = { width: 1400, height: 820 }) {
  await ui.page.setViewportSize(size);
  await screenshotBothThemes(ui.page, name);
  await ui.page.setViewportSize({ width: 1400, height: 820 });
  expect(ui.browser.pageErrors).toEqual([]);
}

/** Whether an element's text shows whole, not cut with an ellipsis. */
const whole = (cell: Locator) => cell.evaluate((e) => e.scrollWidth <= e.clientWidth);

/** A service of this realm that no node can take. */
const tooBig = (user: string) => unplaceableService(swarm, ui.env.realm, user, IMAGES.labeled);

describe('screenshots of a Swarm engine, light and dark', () => {
  it("containers: services on both nodes, and one that no node can take, with Swarm's reason", async () => {
    const { page } = ui;
    await launchFromUi(page, running.slice(0, 3), IMAGES.labeled, 'swarm');
    await launchFromUi(page, running.slice(3), IMAGES.webapp, 'swarm');
    const service = await tooBig('erin');
    try {
      await showContainers(page);
      const nodes = new Set<string>();
      for (const user of running) {
        await row(page, user).locator('.col-url a').waitFor();
        expect(await row(page, user).getAttribute('data-state')).toBe('running');
        const engine = await row(page, user).locator('.col-engine').innerText();
        expect(engine).toMatch(/^swarm · swarm-(manager|worker)-\d+$/);
        nodes.add(engine.replace('swarm · ', ''));
      }
      // Swarm spreads them: both nodes run some.
      expect([...nodes].sort()).toEqual([swarm.manager.hostname, swarm.worker.hostname]);
      const reason = row(page, 'erin').locator('.cell-swarm-status');
      await reason.filter({ hasText: 'insufficient resources on 2 nodes' }).waitFor();
      expect(await reason.innerText()).toBe(
        'pending: no suitable node (insufficient resources on 2 nodes)',
      );
      expect(await row(page, 'erin').getAttribute('data-state')).toBe('created');
      // A wide window, the Activity panel closed and CPU and Memory hidden (a service is not
      // sampled): the node and the reason read in full.
      const activity = page.getByRole('button', { name: 'Activity' });
      await activity.click();
      await page.locator('details.menu summary', { hasText: 'Columns' }).click();
      for (const column of ['CPU', 'Memory'])
        await page.getByRole('checkbox', { name: column, exact: true }).uncheck();
      await page.locator('details.menu summary', { hasText: 'Columns' }).click();
      await page.setViewportSize({ width: 1920, height: 820 });
      expect(await whole(row(page, 'alice').locator('.col-engine .truncate'))).toBe(true);
      expect(await whole(reason)).toBe(true);
      await shoot('swarm-containers', { width: 1920, height: 820 });
      await activity.click();
    } finally {
      await service.remove();
    }
  }, 120_000);

  it("engines: the Swarm engine's card and its nodes, with the realm's tasks on each", async () => {
    const { page } = ui;
    await showView(page, 'Engines');
    const card = page.locator('.engine-card[data-engine="swarm"][data-state="connected"]');
    expect(await card.locator('.swarm-summary').innerText()).toBe('services, 2 nodes, 1 manager');
    const cells = async (hostname: string) =>
      (await card.locator(`tr[data-node="${hostname}"]`).locator('th, td').allInnerTexts()).map(
        (t) => t.trim(),
      );
    await card.locator(`tr[data-node="${swarm.worker.hostname}"]`).waitFor();
    const manager = await cells(swarm.manager.hostname);
    const worker = await cells(swarm.worker.hostname);
    expect([manager.slice(0, 5), worker.slice(0, 5)]).toEqual([
      [swarm.manager.hostname, 'manager (leader)', 'active', 'ready', swarm.manager.address],
      [swarm.worker.hostname, 'worker', 'active', 'ready', swarm.worker.address],
    ]);
    expect(Number(manager[7]) + Number(worker[7])).toBe(running.length);
    expect([manager[8], worker[8]]).toEqual(['Drain', 'Drain']);
    await shoot('swarm-engines');
  });

  it('launch: the preview on the Swarm engine, its resources and the service spec', async () => {
    const { page } = ui;
    await showView(page, 'Launch');
    await page.locator('#launch-users').fill('grace');
    await page.locator('#launch-image').selectOption(IMAGES.labeled);
    await page.locator('#launch-engine').selectOption('swarm');
    await page.locator('#launch-cpus').fill('0.5');
    await page.locator('#launch-memory').fill('512');
    await page.locator('#launch-constraints').fill('node.role==worker');
    const preview = page.locator('.preview[data-state=ready]');
    await preview.locator('.preview-resources', { hasText: '0.5 CPU, 512 MiB memory' }).waitFor();
    expect(await preview.locator('h3').innerText()).toBe('Will create 1 service');
    expect(await preview.locator('.preview-port').innerText()).toBe(
      '8888, published on every interface of the node that runs the task',
    );
    expect(await preview.locator('.preview-resources').innerText()).toBe(
      '0.5 CPU, 512 MiB memory (limit and reservation)',
    );
    const spec = preview.locator('.preview-service');
    await spec.locator('summary').click();
    const service = JSON.parse(await spec.locator('code').innerText());
    const limits = { NanoCPUs: 5e8, MemoryBytes: 512 * MIB };
    expect(service.TaskTemplate).toMatchObject({
      Resources: { Limits: limits, Reservations: limits },
      Placement: { Constraints: ['node.role==worker'] },
    });
    // The Activity panel closed, a taller window: from the Binds line down to the spec's placement.
    const activity = page.getByRole('button', { name: 'Activity' });
    await activity.click();
    await page.setViewportSize({ width: 1400, height: 1100 });
    await preview.locator('dt', { hasText: 'Binds' }).evaluate((e) => e.scrollIntoView());
    await shoot('swarm-launch-preview', { width: 1400, height: 1100 });
    await activity.click();
  });
});
