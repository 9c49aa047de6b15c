import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { chooseEngine, EngineLoad } from '../../src-core/engines/engine-load';
import { RealmMirror } from '../../src-core/engines/realm-mirror';
import type { RealmContainer } from '../../src-core/realm/container';

/** An engine as the registry has it: a mirror fed as its events stream would, and the load on it. */
function engine(id: string, seenWithinMs?: number) {
  const mirror: RealmMirror = new RealmMirror((change) => {
    if (change.kind === 'added') load.seen(change.container.id);
  });
  const load: EngineLoad = new EngineLoad(mirror, seenWithinMs);
  return {
    id,
    load,
    /** The events stream reports a container of `user` (mapping `m`) made, or gone. */
    made: (cid: string, user: string) => mirror.apply(cid, listing(cid, user), mirror.stamp()),
    gone: (cid: string) => mirror.apply(cid, null, mirror.stamp()),
  };
}

function listing(id: string, user: string): RealmContainer {
  return {
    id,
    name: `remoteexec-${user}-m`,
    image: 'app',
    imageId: 'sha256:app',
    user,
    mappingId: 'm',
    urlId: 'u',
    urlpath: `/user/${user}/u`,
    realm: 'r',
    ip: '127.0.0.1',
    port: 8000,
    state: 'running',
    status: 'Up 1 second',
    created: 0,
  };
}

const launch = (user: string) => ({ user, mappingId: 'm' });
/** Where the next launch of `user` goes among these engines, ties to the first. */
const next = (engines: ReturnType<typeof engine>[], user: string) =>
  chooseEngine(engines, launch(user)).id;

describe('EngineLoad: a launch that made its container', () => {
  it('counts on its engine until the events stream reports the container, then as that container', () => {
    const a = engine('a');
    const b = engine('b');
    a.load.reserve(launch('ann'))('c-ann');
    // The launch returned, its container not reported yet: `a` is the busier one.
    expect(next([a, b], 'ben')).toBe('b');
    a.made('c-ann', 'ann');
    expect(next([a, b], 'ben')).toBe('b');
    // Once reported, the container alone counts: gone, `a` is empty again.
    a.gone('c-ann');
    expect(next([a, b], 'ben')).toBe('a');
  });

  it('counts one launch per (user, mapping id) while the container it replaces is still listed', () => {
    const a = engine('a');
    const b = engine('b');
    a.made('c-old', 'ann');
    b.made('c-bob', 'bob');
    a.load.reserve(launch('ann'))('c-new');
    // One for ann on each engine: a tie, to the first.
    expect(next([a, b], 'cid')).toBe('a');
    // Neither ann's old container nor her new one listed: her launch still counts.
    a.gone('c-old');
    b.gone('c-bob');
    expect(next([a, b], 'cid')).toBe('b');
    a.made('c-new', 'ann');
    expect(next([a, b], 'cid')).toBe('b');
    a.gone('c-new');
    expect(next([a, b], 'cid')).toBe('a');
  });

  it('counts no more at once when it failed, or when its container is listed already', () => {
    const a = engine('a');
    const b = engine('b');
    a.load.reserve(launch('ann'))();
    expect(next([a, b], 'ben')).toBe('a');
    const release = a.load.reserve(launch('cid'));
    a.made('c-cid', 'cid');
    release('c-cid');
    a.gone('c-cid');
    expect(next([a, b], 'ben')).toBe('a');
  });

  it('counts no more after the bound when its container is never reported', async () => {
    const a = engine('a', 50);
    const b = engine('b');
    a.load.reserve(launch('ann'))('c-lost');
    expect(next([a, b], 'ben')).toBe('b');
    expect(a.load.holds(launch('ann'))).toBe(true);
    await sleep(80);
    expect(next([a, b], 'ben')).toBe('a');
    expect(a.load.holds(launch('ann'))).toBe(false);
  });

  it('counts in a copy to plan on, whose own launches do not count on the engine', () => {
    const a = engine('a');
    const b = engine('b');
    a.load.reserve(launch('ann'))('c-ann');
    const plan = [a, b].map((e) => ({ id: e.id, load: e.load.fork() }));
    expect(chooseEngine(plan, launch('ben')).id).toBe('b');
    plan[1]!.load.reserve(launch('ben'));
    plan[1]!.load.reserve(launch('cid'));
    expect(chooseEngine(plan, launch('dee')).id).toBe('a');
    expect(next([a, b], 'dee')).toBe('b');
  });
});
