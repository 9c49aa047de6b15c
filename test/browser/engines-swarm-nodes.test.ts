import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { IMAGES } from '../support/fixture-images';
import { serveClient } from '../support/serve-client';
import { startSwarm, type TestSwarm } from '../support/swarm';
import { row, showView, startUiSession, type UiSession } from '../support/ui-session';

let swarm: TestSwarm;
let ui: UiSession;
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-ui-nodes-'));

const card = () => ui.page.locator('.engine-card[data-engine="swarm"]');
const nodeRow = (hostname: string) => card().locator(`tr[data-node="${hostname}"]`);
/** A node's row as the operator reads it, cell by cell. */
const cells = async (hostname: string) =>
  (await nodeRow(hostname).locator('th, td').allInnerTexts()).map((t) => t.trim());

beforeAll(async () => {
  swarm = await startSwarm({ images: [IMAGES.webapp] });
  const enginesPath = join(configDir, 'engines.json');
  const engines = [{ kind: 'socket', id: 'swarm', name: 'Swarm', path: swarm.manager.socketPath }];
  writeFileSync(enginesPath, JSON.stringify({ engines }), { mode: 0o600 });
  ui = await startUiSession('ui-nodes', { enginesPath });
  const client = serveClient(ui.serve);
  for (const user of ['ann', 'bob'])
    await client.call('containers.launch', { engine: 'swarm', user, image: IMAGES.webapp });
  client.close();
}, 180_000);

afterAll(async () => {
  await ui?.close();
  await swarm?.close();
  rmSync(configDir, { recursive: true, force: true });
}, 60_000);

describe("a Swarm engine's nodes in the Engines view (Chromium, serve mode, a real two-node Swarm)", () => {
  it('marks the engine as Swarm and lists its nodes with the realm tasks on each', async () => {
    await showView(ui.page, 'Engines');
    expect(await card().locator('.swarm-summary').innerText()).toBe('services, 2 nodes, 1 manager');
    // Host-mode ports have no host address: the card does not claim one.
    expect(await card().locator('.publish-ip').innerText()).toBe(
      'every interface of the node running each task',
    );
    await nodeRow(swarm.worker.hostname).waitFor();
    const manager = await cells(swarm.manager.hostname);
    const worker = await cells(swarm.worker.hostname);
    expect(manager.slice(0, 5)).toEqual([
      swarm.manager.hostname,
      'manager (leader)',
      'active',
      'ready',
      swarm.manager.address,
    ]);
    expect(worker.slice(0, 5)).toEqual([
      swarm.worker.hostname,
      'worker',
      'active',
      'ready',
      swarm.worker.address,
    ]);
    expect(Number(manager[7]) + Number(worker[7])).toBe(2);
    expect(worker[8]).toBe('Drain');
    expect(await seriousViolations(ui.page)).toEqual([]);
  });

  it('asks before a drain, saying what happens; Escape keeps the node as it was', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: `Drain ${swarm.worker.hostname}` }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('heading').innerText()).toBe(
      `Drain ${swarm.worker.hostname} of Swarm?`,
    );
    const said = await dialog.innerText();
    expect(said).toContain('of every realm');
    expect(said).toContain("the users' apps restart there");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await nodeRow(swarm.worker.hostname).getAttribute('data-availability')).toBe('active');
  });

  it('drains the worker by keyboard: its apps move to the manager, shown in both views', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: `Drain ${swarm.worker.hostname}` }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Drain');
    await page.keyboard.press('Enter');
    await card()
      .locator(`tr[data-node="${swarm.worker.hostname}"][data-availability=drain]`)
      .waitFor();
    // The counts follow the rows as the tasks move.
    await nodeRow(swarm.manager.hostname)
      .locator('.node-tasks', { hasText: /^2$/ })
      .waitFor({ timeout: 90_000 });
    expect((await cells(swarm.worker.hostname)).slice(7)).toEqual(['0', 'Activate']);
    await page
      .locator('.activity-item[data-kind=node][data-outcome=ok]', {
        hasText: `Drain ${swarm.worker.hostname} on Swarm`,
      })
      .waitFor();

    await showView(page, 'Containers');
    for (const user of ['ann', 'bob'])
      await row(page, user)
        .locator('.cell-node', { hasText: swarm.manager.hostname })
        .waitFor({ timeout: 90_000 });
    await showView(page, 'Engines');
  }, 150_000);

  it('activates it again after saying that nothing restarts', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: `Activate ${swarm.worker.hostname}` }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('nothing restarts');
    await dialog.getByRole('button', { name: 'Activate' }).click();
    await card()
      .locator(`tr[data-node="${swarm.worker.hostname}"][data-availability=active]`)
      .waitFor();
  });

  it('says which node of which engine a change failed on: a node removed from the Swarm meanwhile', async () => {
    const { page } = ui;
    // The worker leaves; the card still lists it, as it does until the rows move.
    await swarm.worker.docker.swarmLeave({ force: true });
    await swarm.manager.docker.getNode(swarm.worker.nodeId).remove({ force: true });
    await page.getByRole('button', { name: `Drain ${swarm.worker.hostname}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Drain' }).click();
    const failure = card().locator('.node-error');
    await failure.waitFor();
    expect(await failure.locator('p').innerText()).toBe(
      `Could not drain ${swarm.worker.hostname} of Swarm:`,
    );
    expect(await failure.locator('.error-notice').getAttribute('data-code')).toBe('NOT_FOUND');
    // Read again after the change: the node is gone from the list.
    await nodeRow(swarm.worker.hostname).waitFor({ state: 'detached' });
  });
});
