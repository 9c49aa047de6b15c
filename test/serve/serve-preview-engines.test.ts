import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import { createAppStore } from '../../renderer/store/app-store';
import { launchForUsers, type LaunchSettings } from '../../renderer/store/actions';
import { memoryStorage } from '../renderer/store/fixtures';
import { IMAGES } from '../support/fixture-images';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { startServeSession } from '../support/serve-session';
import { until } from '../support/until';

let session: Awaited<ReturnType<typeof startServeSession>>;
let second: SecondEngine;
let client: ContractClient;

beforeAll(async () => {
  second = await startSecondEngine('prvw');
  session = await startServeSession('preview-engines', {
    profiles: [
      { kind: 'env', id: 'local', name: 'Local', env: { DOCKER_HOST: inject('dockerHost') } },
      { kind: 'socket', id: 'second', name: 'Second', path: second.socketPath },
    ],
  });
  client = session.client;
  await until('both engines connected', async () => {
    const { engines } = await client.call('engines.list', {});
    return engines.every((e) => e.state === 'connected') || undefined;
  });
});

afterAll(async () => {
  await session?.close();
  await second?.close();
});

const settings: LaunchSettings = { engine: 'any', image: IMAGES.labeled };

/** Each user's engine as the preview names it. */
async function previewed(users: string[]): Promise<Record<string, string>> {
  const { containers } = await client.call('containers.preview', { ...settings, users });
  return Object.fromEntries(containers.map((c) => [c.user, c.engine]));
}

/** Launches the users as the Launch view does (its own action, on its own store), each user's engine as launched. */
async function launched(users: string[]): Promise<Record<string, string>> {
  const outcomes = await launchForUsers(
    createAppStore(memoryStorage()),
    client,
    users,
    settings,
    IMAGES.labeled,
  );
  return Object.fromEntries(
    outcomes.map((o) => [o.user, o.ok ? o.result.engine : `failed: ${o.error.message}`]),
  );
}

/** How many realm containers each engine holds, freshly listed. */
async function counts(): Promise<Record<string, number>> {
  const { engines } = await client.call('containers.list', {});
  return Object.fromEntries(engines.map((e) => [e.engine, e.containers.length]));
}

describe('containers.preview with engine "any" and two connected engines', () => {
  it('names per user the engine the Launch view then launches that user on', async () => {
    // Two empty engines: the Launch view sends every user's launch at once and each
    // picks before any container counts, so all four go to the first registered.
    const first = ['ann', 'ben', 'cid', 'dee'];
    const shownFirst = await previewed(first);
    expect(shownFirst).toEqual({ ann: 'local', ben: 'local', cid: 'local', dee: 'local' });
    expect(await launched(first)).toEqual(shownFirst);
    expect(await counts()).toEqual({ local: 4, second: 0 });

    // Now the second engine holds fewer: the next launch goes there, all of it.
    const next = ['eve', 'fay', 'gus'];
    const shownNext = await previewed(next);
    expect(shownNext).toEqual({ eve: 'second', fay: 'second', gus: 'second' });
    expect(await launched(next)).toEqual(shownNext);
    expect(await counts()).toEqual({ local: 4, second: 3 });

    const { engines } = await client.call('containers.list', {});
    const { results } = await client.call('containers.stop', {
      targets: engines.flatMap((e) => e.containers.map((c) => ({ engine: e.engine, id: c.id }))),
    });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await counts()).toEqual({ local: 0, second: 0 });
  });
});
