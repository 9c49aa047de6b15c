import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxySettings } from '../../src-core/api/proxy';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { freePort } from '../support/free-port';
import { startSwarm, type TestSwarm } from '../support/swarm';
import {
  launchFromUi,
  row,
  showContainers,
  startUiSession,
  type UiSession,
} from '../support/ui-session';

let swarm: TestSwarm;
let ui: UiSession;

beforeAll(async () => {
  swarm = await startSwarm({ images: [IMAGES.labeled] });
  ui = await startUiSession('ui-swarm', {
    profiles: [{ kind: 'socket', id: 'swarm', name: 'Swarm', path: swarm.manager.socketPath }],
    proxy: { settings: proxySettings.parse({ port: await freePort() }) },
  });
}, 120_000);

afterAll(async () => {
  await ui?.close();
  await swarm?.close();
}, 60_000);

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
    // As another operator's launch would leave it: the realm's labels, a reservation no node has.
    const labels = {
      [RUNINFO.realm]: ui.env.realm,
      [RUNINFO.user]: 'cy',
      [RUNINFO.mappingId]: 'big',
      [RUNINFO.urlId]: 'f'.repeat(32),
      [RUNINFO.urlpath]: `/user/cy/containers/${'f'.repeat(32)}`,
    };
    const service = await swarm.manager.docker.createService({
      Name: 'too-big',
      Labels: labels,
      TaskTemplate: {
        ContainerSpec: { Image: IMAGES.labeled, Labels: labels },
        Resources: { Reservations: { NanoCPUs: 64e9 } },
      },
    });
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
