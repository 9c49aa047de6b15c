import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import type { ContainerView } from '../../src-core/api/containers';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';
import { IMAGES } from '../support/fixture-images';
import { freePort } from '../support/free-port';
import { startServeSession } from '../support/serve-session';
import { startSwarm, type TestSwarm } from '../support/swarm';
import { until } from '../support/until';

/**
 * The product on a Swarm engine as an operator drives it in serve mode,
 * with the embedded proxy: launches become services on both nodes of a
 * private two-node Swarm, their proxied URLs answer, a drained node's users
 * are reached again on the node their tasks moved to.
 */
let swarm: TestSwarm;
let session: Awaited<ReturnType<typeof startServeSession>>;
let client: ContractClient;

const USERS = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay'];

beforeAll(async () => {
  swarm = await startSwarm({ images: [IMAGES.webapp] });
  session = await startServeSession('swarm', {
    profiles: [{ kind: 'socket', id: 'swarm', name: 'Swarm', path: swarm.manager.socketPath }],
    proxy: { settings: embeddedProxySettings(await freePort()) },
  });
  ({ client } = session);
  await until('the Swarm engine connected', async () => {
    const { engines } = await client.call('engines.list', {});
    return engines[0]?.state === 'connected' || undefined;
  });
}, 120_000);

afterAll(async () => {
  await session?.close();
  await swarm?.close();
}, 60_000);

async function listed(): Promise<ContainerView[]> {
  const { engines } = await client.call('containers.list', { engine: 'swarm' });
  return engines[0]!.containers;
}

/** The page behind a row's proxied URL, or undefined while it does not answer 200. */
async function page(row: ContainerView): Promise<string | undefined> {
  if (!row.url) return undefined;
  const response = await fetch(row.url).catch(() => null);
  return response?.status === 200 ? response.text() : undefined;
}

async function leftOnNodes(): Promise<number> {
  const [services, onManager, onWorker] = await Promise.all([
    swarm.manager.docker.listServices(),
    swarm.manager.docker.listContainers({ all: true }),
    swarm.worker.docker.listContainers({ all: true }),
  ]);
  return services.length + onManager.length + onWorker.length;
}

describe('serve mode on a Swarm engine', () => {
  it('launches 6 users as services on both nodes; each proxied URL answers with its own page', async () => {
    const launched = await Promise.all(
      USERS.map((user) =>
        client.call('containers.launch', {
          engine: 'swarm',
          user,
          image: IMAGES.webapp,
          mappingId: `app-${user}`,
        }),
      ),
    );
    for (const { container } of launched) {
      expect(container.service).toBe(container.id);
      expect([swarm.manager.hostname, swarm.worker.hostname]).toContain(container.node);
    }
    const rows = await listed();
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.node)).size).toBe(2);
    for (const row of rows) expect(await page(row)).toContain(`JPY_USER=${row.user}`);
  }, 120_000);

  it('after the worker is drained, its users are on the manager and their URLs answer again', async () => {
    const before = await listed();
    const moved = before.filter((r) => r.node === swarm.worker.hostname).map((r) => r.user);
    expect(moved.length).toBeGreaterThan(0);

    const drainedAt = Date.now();
    await setAvailability('drain');
    const after = await until(
      "every drained user's URL answering on the manager",
      async () => {
        const rows = await listed();
        const ready = await Promise.all(
          rows.map(
            async (r) =>
              r.node === swarm.manager.hostname &&
              (await page(r))?.includes(`JPY_USER=${r.user}`) === true,
          ),
        );
        return rows.length === 6 && ready.every(Boolean) ? rows : undefined;
      },
      90_000,
      100,
    );
    console.log(`drain: every URL answered again ${Date.now() - drainedAt} ms after the drain`);
    for (const user of moved) {
      const row = after.find((r) => r.user === user)!;
      expect(row.node).toBe(swarm.manager.hostname);
      expect(row.ip).toBe(swarm.manager.address);
    }
    await setAvailability('active');
  }, 120_000);

  it('relaunches a service as it was made: a new service for the same user, answering at its URL', async () => {
    const [row] = await listed();
    const { results } = await client.call('containers.relaunch', {
      targets: [{ engine: 'swarm', id: row!.id }],
    });
    const [result] = results;
    expect(result!.ok).toBe(true);
    const relaunched = (result as Extract<typeof result, { ok: true }>).container;
    expect(relaunched.id).not.toBe(row!.id);
    expect(relaunched).toMatchObject({ user: row!.user, mappingId: row!.mappingId });
    expect(await page(relaunched)).toContain(`JPY_USER=${row!.user}`);
  }, 60_000);

  it("checks the realm of services: a duplicate made behind the app's back is found and fixed", async () => {
    expect((await client.call('realm.check', {})).findings).toEqual([]);
    const [row] = await listed();
    // A second service for the same user and mapping id, as a script or another tool might leave.
    const original = await swarm.manager.docker.getService(row!.id).inspect();
    await swarm.manager.docker.createService({
      ...original.Spec,
      Name: `${original.Spec.Name}-dup`,
    });
    const { findings } = await until('the duplicate found', async () => {
      const report = await client.call('realm.check', {});
      return report.findings.length ? report : undefined;
    });
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'duplicate', engine: 'swarm', user: row!.user }),
    ]);
    const { results } = await client.call('realm.fix', {
      findings: findings.map(({ kind, engine, id }) => ({ kind, engine, id })),
    });
    expect(results.every((r) => r.ok)).toBe(true);
    const left = (await listed()).filter((r) => r.user === row!.user);
    expect(left).toHaveLength(1);
  }, 60_000);

  it('stops every service: nothing is left on either node', async () => {
    const rows = await listed();
    const { results } = await client.call('containers.stop', {
      targets: rows.map((r) => ({ engine: 'swarm', id: r.id })),
    });
    expect(results.every((r) => r.ok)).toBe(true);
    await until(
      'nothing left on the nodes',
      async () => ((await leftOnNodes()) ? undefined : true),
      30_000,
      250,
    );
    expect(await listed()).toEqual([]);
  }, 60_000);
});

/** The worker drained or made active again, as the operator does it from the Engines view. */
function setAvailability(availability: 'active' | 'drain') {
  return client.call('engines.setNodeAvailability', {
    engine: 'swarm',
    node: swarm.worker.nodeId,
    availability,
  });
}
