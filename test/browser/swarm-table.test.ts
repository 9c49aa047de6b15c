import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGES } from '../support/fixture-images';
import { unplaceableService, type TestSwarm } from '../support/swarm';
import { startSwarmUi } from '../support/swarm-session';
import { launchFromUi, row, showContainers, type UiSession } from '../support/ui-session';

let session: Awaited<ReturnType<typeof startSwarmUi>>;
let swarm: TestSwarm;
let ui: UiSession;

beforeAll(async () => {
  session = await startSwarmUi('ui-swarm', [IMAGES.labeled]);
  ({ swarm, ui } = session);
}, 120_000);

afterAll(() => session?.close(), 60_000);

describe('a Swarm engine in the containers table, in Chromium', () => {
  it("shows each service's node beside its engine, and links its proxied URL", async () => {
    const { page } = ui;
    await launchFromUi(page, ['ann', 'bob'], IMAGES.labeled, 'swarm');
    await showContainers(page);
    const hostnames = [swarm.manager.hostname, swarm.worker.hostname];
    for (const user of ['ann', 'bob']) {
      await row(page, user).waitFor();
      expect(await row(page, user).getAttribute('data-state')).toBe('running');
      const node = (await row(page, user).locator('.cell-node').innerText()).replace('· ', '');
      expect(hostnames).toContain(node.trim());
      expect(await row(page, user).locator('.col-url a').innerText()).toContain(
        `/user/${user}/containers/`,
      );
    }
  }, 60_000);

  it("shows Swarm's reason on the row of a service that no node can take", async () => {
    const service = await unplaceableService(swarm, ui.env.realm, 'cy', IMAGES.labeled);
    try {
      const { page } = ui;
      await row(page, 'cy').waitFor();
      await page
        .locator('.row[data-user="cy"] .cell-swarm-status', {
          hasText: 'insufficient resources on 2 nodes',
        })
        .waitFor();
      expect(await row(page, 'cy').getAttribute('data-state')).toBe('created');
      expect(await row(page, 'cy').locator('.cell-swarm-status').innerText()).toMatch(
        /^pending: no suitable node/,
      );
    } finally {
      await service.remove();
    }
  }, 60_000);
});
