import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import type { ContainerView } from '../../src-core/api/containers';
import { contractFailure, recordEvents } from '../support/contract-calls';
import { IMAGES } from '../support/fixture-images';
import { startServeSession } from '../support/serve-session';
import { startSwarm, type TestSwarm } from '../support/swarm';
import { pageOf } from '../support/swarm-session';
import { until } from '../support/until';

let swarm: TestSwarm;
let session: Awaited<ReturnType<typeof startServeSession>>;
let client: ContractClient;
const users = ['ann', 'bob', 'cy', 'dee'];

/** The Swarm engine's rows, as the Containers view lists them. */
async function rows(): Promise<ContainerView[]> {
  const { engines } = await client.call('containers.list', { engine: 'swarm' });
  return engines[0]!.containers;
}

const nodes = async () => (await client.call('engines.nodes', { engine: 'swarm' })).nodes;

beforeAll(async () => {
  [swarm, session] = await Promise.all([
    startSwarm({ images: [IMAGES.webapp] }),
    startServeSession('serve-nodes'),
  ]);
  client = session.client;
  await client.call('engines.add', {
    profile: { kind: 'socket', id: 'swarm', name: 'Swarm', path: swarm.manager.socketPath },
  });
  await until(
    'the Swarm engine connected',
    async () =>
      (await client.call('engines.list', {})).engines.find(
        (e) => e.id === 'swarm' && e.state === 'connected',
      ),
    30_000,
    100,
  );
  for (const user of users)
    await client.call('containers.launch', { engine: 'swarm', user, image: IMAGES.webapp });
}, 180_000);

afterAll(async () => {
  await session?.close();
  await swarm?.close();
}, 60_000);

describe("a Swarm engine's nodes through the contract (serve mode, a real two-node Swarm)", () => {
  it('lists both nodes, the manager first, with roles, addresses and the realm tasks on each', async () => {
    const listed = await rows();
    const on = (hostname: string) => listed.filter((r) => r.node === hostname).length;
    const [manager, worker] = await nodes();
    expect(manager).toMatchObject({
      id: swarm.manager.nodeId,
      hostname: swarm.manager.hostname,
      role: 'manager',
      leader: true,
      availability: 'active',
      state: 'ready',
      address: swarm.manager.address,
      runningTasks: on(swarm.manager.hostname),
    });
    expect(worker).toMatchObject({
      id: swarm.worker.nodeId,
      hostname: swarm.worker.hostname,
      role: 'worker',
      leader: false,
      availability: 'active',
      state: 'ready',
      address: swarm.worker.address,
      runningTasks: on(swarm.worker.hostname),
    });
    expect(manager!.runningTasks + worker!.runningTasks).toBe(users.length);
    // Swarm spreads the services: the worker has some to give up below.
    expect(worker!.runningTasks).toBeGreaterThan(0);
    for (const node of [manager!, worker!]) {
      expect(node.cpus).toBeGreaterThan(0);
      expect(node.memoryBytes).toBeGreaterThan(0);
    }
  });

  it('drains the worker: its apps run again on the manager and answer there; audited and in the history', async () => {
    const progress = recordEvents(client, 'operations.progress');
    const operationId = 'op-drain-worker';
    await client.call('operations.begin', {
      operationId,
      kind: 'node',
      title: `Drain ${swarm.worker.hostname}`,
      total: 1,
    });
    expect(
      await client.call('engines.setNodeAvailability', {
        engine: 'swarm',
        node: swarm.worker.nodeId,
        availability: 'drain',
        operationId,
      }),
    ).toEqual({});

    const moved = await until(
      'every row running on the manager',
      async () => {
        const now = await rows();
        const settled = now.every(
          (r) => r.state === 'running' && r.node === swarm.manager.hostname,
        );
        return now.length === users.length && settled ? now : undefined;
      },
      90_000,
      250,
    );
    for (const row of moved)
      expect(await until(`${row.user}'s app answering`, () => pageOf(row), 30_000, 100)).toContain(
        `JPY_USER=${row.user}`,
      );
    const [manager, worker] = await nodes();
    expect(worker).toMatchObject({ availability: 'drain', runningTasks: 0 });
    expect(manager).toMatchObject({ availability: 'active', runningTasks: users.length });

    const { entries } = await client.call('catalog.audit', { search: 'node.drain' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: userInfo().username,
      action: 'node.drain',
      target: `${swarm.worker.hostname} ${swarm.worker.nodeId}`,
      engine: 'swarm',
      result: 'ok',
    });
    expect(entries[0]!.detail).toMatch(/^drained \(was active\): its tasks move to other nodes/);
    expect(progress.filter((p) => p.operationId === operationId)).toEqual([
      {
        operationId,
        kind: 'drain',
        done: 1,
        total: 1,
        item: { engine: 'swarm', id: swarm.worker.hostname },
      },
    ]);
    const { operations } = await client.call('operations.history', {});
    expect(operations.find((op) => op.id === operationId)).toMatchObject({
      done: 1,
      failed: 0,
      finishedAt: expect.any(Number),
    });
  }, 150_000);

  it('activates the worker again, audited', async () => {
    await client.call('engines.setNodeAvailability', {
      engine: 'swarm',
      node: swarm.worker.nodeId,
      availability: 'active',
    });
    const worker = (await nodes()).find((n) => n.id === swarm.worker.nodeId);
    expect(worker?.availability).toBe('active');
    const { entries } = await client.call('catalog.audit', { search: 'node.activate' });
    expect(entries).toMatchObject([
      {
        action: 'node.activate',
        engine: 'swarm',
        result: 'ok',
        detail: 'active again (was drain): Swarm may place tasks on it',
      },
    ]);
  });

  it('refuses a node not in the Swarm with NOT_FOUND naming node, and audits nothing', async () => {
    const before = (await client.call('catalog.audit', { search: 'node.' })).entries.length;
    const refused = await contractFailure(
      client.call('engines.setNodeAvailability', {
        engine: 'swarm',
        node: 'a'.repeat(25),
        availability: 'drain',
      }),
    );
    expect(refused).toMatchObject({ code: 'NOT_FOUND', details: { field: 'node' } });
    expect(refused.message).toBe(
      `node: no node "${'a'.repeat(25)}" in the Swarm of engine "swarm"`,
    );
    expect((await client.call('catalog.audit', { search: 'node.' })).entries).toHaveLength(before);
  });

  it('says of a plain engine that it runs no Swarm services: NOT_FOUND on engine', async () => {
    const refused = await contractFailure(client.call('engines.nodes', { engine: 'local' }));
    expect(refused).toMatchObject({ code: 'NOT_FOUND', details: { field: 'engine' } });
    expect(refused.message).toMatch(/does not run Swarm services/);
  });
});
