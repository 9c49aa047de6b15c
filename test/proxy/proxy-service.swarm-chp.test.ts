import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import { IMAGES } from '../support/fixture-images';
import type { TestSwarm } from '../support/swarm';
import { startSwarmSession } from '../support/swarm-session';
import { until } from '../support/until';
import { chpProxySettings, startChp } from './support/chp-process';

/**
 * Services behind a real configurable-http-proxy: each launch's route
 * targets the node that runs its task, reconciliation finds nothing to fix,
 * and a stop takes the route away.
 */
let chp: Awaited<ReturnType<typeof startChp>>;
let session: Awaited<ReturnType<typeof startSwarmSession>>;
let swarm: TestSwarm;
let client: ContractClient;

beforeAll(async () => {
  chp = await startChp();
  session = await startSwarmSession('swarm-chp', chpProxySettings(chp));
  ({ client, swarm } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
  await chp?.stop();
}, 60_000);

describe('Swarm services behind configurable-http-proxy', () => {
  it("routes each service to its task's node, answers through CHP, and drops the route on stop", async () => {
    const launched = await Promise.all(
      ['ann', 'bob', 'cy', 'dee'].map((user) =>
        client.call('containers.launch', {
          engine: 'swarm',
          user,
          image: IMAGES.webapp,
          mappingId: `app-${user}`,
        }),
      ),
    );
    const routes = await chp.routes();
    for (const { container } of launched) {
      const node = container.node === swarm.manager.hostname ? swarm.manager : swarm.worker;
      const prefix = container.urlpath.replace(/\/+$/, '');
      expect(routes[prefix]?.target).toBe(`http://${node.address}:${container.port}`);
      const page = await fetch(`${chp.publicUrl}${prefix}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`JPY_USER=${container.user}`);
    }
    expect(new Set(launched.map((l) => l.container.node)).size).toBe(2);

    const report = await client.call('proxy.reconcile', {});
    expect(report.orphanRoutes).toEqual([]);
    expect(report.unroutedContainers).toEqual([]);

    await client.call('containers.stop', {
      targets: launched.map(({ container }) => ({ engine: 'swarm', id: container.id })),
    });
    await until('no route left in CHP', async () =>
      Object.keys(await chp.routes()).some((p) => p.startsWith('/user/')) ? undefined : true,
    );
  }, 90_000);
});
