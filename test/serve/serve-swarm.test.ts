import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';
import { IMAGES } from '../support/fixture-images';
import { freePort } from '../support/free-port';
import type { TestSwarm } from '../support/swarm';
import { pageOf, startSwarmSession } from '../support/swarm-session';
import { until } from '../support/until';

/**
 * The product on a Swarm engine as an operator drives it in serve mode,
 * with the embedded proxy: launches become services on both nodes of a
 * private two-node Swarm, their proxied URLs answer, a drained node's users
 * are reached again on the node their tasks moved to.
 */
let session: Awaited<ReturnType<typeof startSwarmSession>>;
let swarm: TestSwarm;
let client: ContractClient;

const USERS = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay'];

beforeAll(async () => {
  session = await startSwarmSession('swarm', embeddedProxySettings(await freePort()));
  ({ client, swarm } = session);
}, 120_000);

afterAll(() => session?.close(), 60_000);

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
    const rows = await session.rows();
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.node)).size).toBe(2);
    for (const row of rows) expect(await pageOf(row)).toContain(`JPY_USER=${row.user}`);
  }, 120_000);

  it('after the worker is drained, its users are on the manager and their URLs answer again', async () => {
    const before = await session.rows();
    const moved = before.filter((r) => r.node === swarm.worker.hostname).map((r) => r.user);
    expect(moved.length).toBeGreaterThan(0);

    const drainedAt = Date.now();
    await setAvailability('drain');
    const after = await until(
      "every drained user's URL answering on the manager",
      async () => {
        const rows = await session.rows();
        const ready = await Promise.all(
          rows.map(
            async (r) =>
              r.node === swarm.manager.hostname &&
              (await pageOf(r))?.includes(`JPY_USER=${r.user}`) === true,
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
    const [row] = await session.rows();
    const { results } = await client.call('containers.relaunch', {
      targets: [{ engine: 'swarm', id: row!.id }],
    });
    const [result] = results;
    expect(result!.ok).toBe(true);
    const relaunched = (result as Extract<typeof result, { ok: true }>).container;
    expect(relaunched.id).not.toBe(row!.id);
    expect(relaunched).toMatchObject({ user: row!.user, mappingId: row!.mappingId });
    expect(await pageOf(relaunched)).toContain(`JPY_USER=${row!.user}`);
  }, 60_000);

  it("checks the realm of services: a duplicate made behind the app's back is found and fixed", async () => {
    expect((await client.call('realm.check', {})).findings).toEqual([]);
    const [row] = await session.rows();
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
    const left = (await session.rows()).filter((r) => r.user === row!.user);
    expect(left).toHaveLength(1);
  }, 60_000);

  it('stops every service: nothing is left on either node', async () => {
    const rows = await session.rows();
    const { results } = await client.call('containers.stop', {
      targets: rows.map((r) => ({ engine: 'swarm', id: r.id })),
    });
    expect(results.every((r) => r.ok)).toBe(true);
    await until(
      'nothing left on the nodes',
      async () => ((await swarm.leftovers()) ? undefined : true),
      30_000,
      250,
    );
    expect(await session.rows()).toEqual([]);
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
