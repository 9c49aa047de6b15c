import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import { createAppStore } from '../../renderer/store/app-store';
import { launchForUsers, type LaunchSettings } from '../../renderer/store/actions';
import { memoryStorage } from '../renderer/store/fixtures';
import { IMAGES } from '../support/fixture-images';
import { startTwoEngineSession, type TwoEngineSession } from '../support/two-engine-session';
import { until } from '../support/until';

let session: TwoEngineSession;
let client: ContractClient;

beforeAll(async () => {
  session = await startTwoEngineSession('preview-engines', 'prvw');
  client = session.client;
});

afterAll(() => session?.close());

const settings: LaunchSettings = { engine: 'any', image: IMAGES.labeled };

/** Each user's engine as the preview names it, and the container it says it replaces. */
async function previewed(
  users: string[],
  image = IMAGES.labeled,
): Promise<Record<string, { engine: string; replaces: string | null }>> {
  const { containers } = await client.call('containers.preview', { ...settings, image, users });
  return Object.fromEntries(
    containers.map((c) => [c.user, { engine: c.engine, replaces: c.replaces }]),
  );
}

/** Launches the users as the Launch view does (its own action, on its own store), each user's engine as launched. */
async function launched(
  users: string[],
  launch: LaunchSettings = settings,
): Promise<Record<string, string>> {
  const outcomes = await launchForUsers(
    createAppStore(memoryStorage()),
    client,
    users,
    launch,
    launch.image,
  );
  return Object.fromEntries(
    outcomes.map((o) => [o.user, o.ok ? o.result.engine : `failed: ${o.error.code}`]),
  );
}

/** Each engine's realm containers, freshly listed: their user and id. */
async function listed(): Promise<Record<string, Array<{ user: string; id: string }>>> {
  const { engines } = await client.call('containers.list', {});
  return Object.fromEntries(
    engines.map((e) => [e.engine, e.containers.map(({ user, id }) => ({ user, id }))]),
  );
}

async function counts(): Promise<Record<string, number>> {
  const byEngine = await listed();
  return Object.fromEntries(Object.entries(byEngine).map(([e, list]) => [e, list.length]));
}

async function stopAll() {
  const { engines } = await client.call('containers.list', {});
  const { results } = await client.call('containers.stop', {
    targets: engines.flatMap((e) => e.containers.map((c) => ({ engine: e.engine, id: c.id }))),
  });
  expect(results.every((r) => r.ok)).toBe(true);
  expect(await counts()).toEqual({ local: 0, second: 0 });
}

const engineOf = (shown: Record<string, { engine: string }>) =>
  Object.fromEntries(Object.entries(shown).map(([user, s]) => [user, s.engine]));

describe('engine "any" with two connected engines, previewed then launched as the Launch view does', () => {
  it('spreads users launched at once evenly, as the preview says per user', async () => {
    // Two empty engines: each launch counts the launches still in flight, ties to the first registered.
    const first = ['ann', 'ben', 'cid', 'dee'];
    const shownFirst = engineOf(await previewed(first));
    expect(shownFirst).toEqual({ ann: 'local', ben: 'second', cid: 'local', dee: 'second' });
    expect(await launched(first)).toEqual(shownFirst);
    expect(await counts()).toEqual({ local: 2, second: 2 });

    // An odd number on a tie: the first registered takes one more, then the other catches up.
    const next = ['eve', 'fay', 'gus'];
    const shownNext = engineOf(await previewed(next));
    expect(shownNext).toEqual({ eve: 'local', fay: 'second', gus: 'local' });
    expect(await launched(next)).toEqual(shownNext);
    expect(await counts()).toEqual({ local: 4, second: 3 });
    await stopAll();
  });

  it("replaces a user's container on the engine that holds it, even when the other is less loaded", async () => {
    // zed and yan have this mapping's container on the second engine; the first is empty.
    const onSecond = { ...settings, engine: 'second' };
    expect(await launched(['zed', 'yan'], onSecond)).toEqual({ zed: 'second', yan: 'second' });
    const { engines } = await client.call('containers.list', { engine: 'second' });
    const zed = engines[0]!.containers.find((c) => c.user === 'zed')!;
    const old = zed.id;
    // Its app up (its TERM trap set), so that the replacement's stop is quick.
    await until('zed answering', () =>
      fetch(`http://${zed.ip}:${zed.port}/`).then(
        (r) => r.ok || undefined,
        () => undefined,
      ),
    );

    // Holders first (their replacement adds nothing), then the rest spread.
    const shown = await previewed(['ann', 'zed', 'ben']);
    expect(shown).toEqual({
      ann: { engine: 'local', replaces: null },
      zed: { engine: 'second', replaces: old },
      ben: { engine: 'local', replaces: null },
    });
    expect(await launched(['ann', 'zed', 'ben'])).toEqual(engineOf(shown));

    const after = await listed();
    const zeds = Object.entries(after).flatMap(([engine, list]) =>
      list.filter((c) => c.user === 'zed').map((c) => ({ engine, id: c.id })),
    );
    // The old one is gone, the new one is on the same engine, none on the other.
    expect(zeds).toHaveLength(1);
    expect(zeds[0]!.engine).toBe('second');
    expect(zeds[0]!.id).not.toBe(old);
    expect(await counts()).toEqual({ local: 2, second: 2 });
    await stopAll();
  });

  it('counts a failed launch no longer once it has failed', async () => {
    // The second engine holds one; launches that fail on the first must not leave it looking busier.
    expect(await launched(['zed'], { ...settings, engine: 'second' })).toEqual({ zed: 'second' });
    const missing = 'remoteapp-test/not-here:1';
    expect(
      await launched(['ann', 'ben'], { ...settings, engine: 'local', image: missing }),
    ).toEqual({ ann: 'failed: IMAGE_NOT_FOUND', ben: 'failed: IMAGE_NOT_FOUND' });
    // With "any": the first goes to the empty engine, the second ties and goes there too; both fail.
    expect(await launched(['cid', 'dee'], { ...settings, image: missing })).toEqual({
      cid: 'failed: IMAGE_NOT_FOUND',
      dee: 'failed: IMAGE_NOT_FOUND',
    });
    expect(await counts()).toEqual({ local: 0, second: 1 });
    // Nothing left counting on the first engine: eve goes to it, and fay, on a tie, too
    // (one launch still counted there would send fay to the second).
    const shown = engineOf(await previewed(['eve', 'fay']));
    expect(shown).toEqual({ eve: 'local', fay: 'local' });
    expect(await launched(['eve', 'fay'])).toEqual(shown);
    expect(await counts()).toEqual({ local: 2, second: 1 });
    await stopAll();
  });
});
