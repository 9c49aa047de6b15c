import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import { IMAGES } from '../support/fixture-images';
import { recordEvents } from '../support/contract-calls';
import { startDockerEventsGate } from '../support/docker-events-gate';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { startServeSession } from '../support/serve-session';
import { until } from '../support/until';

/**
 * Two empty engines, `held` (the shared test engine, behind a relay that can
 * hold back its events stream) registered first, then `second`: a launch
 * on `held` returns before `held`'s events stream reports its container.
 */
let session: Awaited<ReturnType<typeof startServeSession>>;
let second: SecondEngine;
let gate: Awaited<ReturnType<typeof startDockerEventsGate>>;
let client: ContractClient;
let changes: ReturnType<typeof recordEvents<'containers.changed'>>;

beforeAll(async () => {
  [second, gate] = await Promise.all([
    startSecondEngine('unsen'),
    startDockerEventsGate(inject('dockerHost')),
  ]);
  session = await startServeSession('launch-unseen', {
    profiles: [
      { kind: 'socket', id: 'held', path: gate.socketPath },
      { kind: 'socket', id: 'second', path: second.socketPath },
    ],
  });
  client = session.client;
  changes = recordEvents(client, 'containers.changed');
  await until('both engines connected', async () => {
    const { engines } = await client.call('engines.list', {});
    return engines.every((e) => e.state === 'connected') || undefined;
  });
});

afterAll(async () => {
  await session?.close();
  await gate?.close();
  await second?.close();
});

/** One launch with engine "any", as the Launch view sends it: its engine and container id. */
async function launch(user: string): Promise<{ engine: string; id: string }> {
  const { engine, container } = await client.call('containers.launch', {
    engine: 'any',
    image: IMAGES.labeled,
    user,
  });
  return { engine, id: container.id };
}

/** Where launches of these users, sent now in this order, would go. */
async function planned(users: string[]): Promise<Record<string, string>> {
  const { containers } = await client.call('containers.preview', {
    engine: 'any',
    image: IMAGES.labeled,
    users,
  });
  return Object.fromEntries(containers.map((c) => [c.user, c.engine]));
}

/** Waits until the engines' live views (not a fresh listing) have reported this change. */
function reported(kind: 'added' | 'removed', id: string): Promise<unknown> {
  return until(`container ${id.slice(0, 12)} ${kind}`, () =>
    changes.some((c) => c.kind === kind && (c.kind === 'removed' ? c.id : c.container.id) === id)
      ? true
      : undefined,
  );
}

async function stop(engine: string, id: string): Promise<void> {
  const { results } = await client.call('containers.stop', { targets: [{ engine, id }] });
  expect(results.every((r) => r.ok)).toBe(true);
}

/** Stops every container of the realm, and waits until the engines' live views have them gone. */
async function stopAll(): Promise<void> {
  const { engines } = await client.call('containers.list', {});
  for (const { engine, containers } of engines)
    for (const { id } of containers) {
      await stop(engine, id);
      await reported('removed', id);
    }
}

describe('engine "any": a launch that returned counts until its engine reports its container', () => {
  it('sends each launch made right after another, not yet reported, to the other engine', async () => {
    gate.hold();
    const pairs: string[][] = [];
    // Each pair on a tie: the first goes to `held`, the second follows it at once.
    for (let i = 0; i < 3; i++) {
      const first = await launch(`a${i}`);
      const next = await launch(`b${i}`);
      pairs.push([first.engine, next.engine]);
    }
    expect(pairs).toEqual([
      ['held', 'second'],
      ['held', 'second'],
      ['held', 'second'],
    ]);
    gate.pass();
    const { engines } = await client.call('containers.list', {});
    expect(Object.fromEntries(engines.map((e) => [e.engine, e.containers.length]))).toEqual({
      held: 3,
      second: 3,
    });
    await stopAll();
  });

  /** A launch on `held` whose events `deliver` gets to the engine one way or another. */
  async function launchReported(user: string, deliver: () => void): Promise<string> {
    gate.hold();
    const { engine, id } = await launch(user);
    expect(engine).toBe('held');
    deliver();
    await reported('added', id);
    return id;
  }

  /** With `held`'s one container gone, both engines are empty: dee goes to the first, eve to the other. */
  async function expectEmptyOnceStopped(id: string): Promise<void> {
    await stop('held', id);
    await reported('removed', id);
    // A launch still counted on `held` would send dee to `second`, and eve, on a tie, to `held`.
    expect(await planned(['dee', 'eve'])).toEqual({ dee: 'held', eve: 'second' });
  }

  it('counts it no longer once the events stream has reported it', async () => {
    await expectEmptyOnceStopped(await launchReported('ann', () => gate.pass()));
  });

  it('counts it no longer once the resync after a lost event has listed it', async () => {
    // Its events never come: the stream breaks, and the engine reconnects and lists its realm.
    await expectEmptyOnceStopped(await launchReported('cid', () => gate.lose()));
  });

  it('puts a grant launched right after another, not yet reported, on the other engine', async () => {
    await client.call('catalog.addApplication', { image: IMAGES.webapp });
    const grantOf = async (user: string) => {
      await client.call('catalog.addUser', { name: user });
      const { grant } = await client.call('catalog.addGrant', {
        user,
        image: IMAGES.webapp,
        policy: {},
      });
      return grant.id;
    };
    const grants = [await grantOf('fay'), await grantOf('gus')];
    gate.hold();
    const engines: string[] = [];
    for (const grantId of grants) {
      const { outcomes } = await client.call('catalog.launch', {
        engine: 'any',
        grantIds: [grantId],
      });
      expect(outcomes[0]!.state).toBe('running');
      engines.push(outcomes[0]!.engine!);
    }
    expect(engines).toEqual(['held', 'second']);
    gate.pass();
    await stopAll();
  });
});
