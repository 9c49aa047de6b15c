import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StatsBatch } from '../../src-core/api/stats';
import { HOLDER_BYTES, IMAGES } from '../support/fixture-images';
import { hostCalls } from '../support/host-calls';
import { startTestCore } from '../support/test-core';
import { until } from '../support/until';

let env: Awaited<ReturnType<typeof startTestCore>>;
const peer = { transport: 'in-process', label: 'test' } as const;
const ids = { busy: '', holder: '', idle: '' };

async function launch(user: string, image: string): Promise<string> {
  const { container } = await env.core.launcher.launch('local', { user, image, mappingId: 'm' });
  return container.id;
}

beforeAll(async () => {
  env = await startTestCore('stats');
  ids.busy = await launch('ann', IMAGES.busy);
  ids.holder = await launch('ben', IMAGES.holder);
  ids.idle = await launch('cid', IMAGES.webapp);
});

afterAll(async () => {
  await env?.close();
});

const sessions: Array<{ close(): void }> = [];
// A failed test's watches must not run on into the next one's counts.
afterEach(() => {
  for (const session of sessions.splice(0)) session.close();
});

/** A session that keeps the batches it receives. */
function openSession() {
  const batches: StatsBatch[] = [];
  const session = env.core.host.open(peer, (name, payload) => {
    if (name === 'stats.samples') batches.push(payload as StatsBatch);
  });
  sessions.push(session);
  return {
    session,
    batches,
    ...hostCalls(() => session),
    /** The first batch of `watchId` from index `from` on. */
    next: (watchId: string, from = batches.length) =>
      until(`a batch of ${watchId}`, () => batches.slice(from).find((b) => b.watchId === watchId)),
  };
}

/** The stats requests that reached Docker, from index `from` of the relay's log. */
function statsRequests(from = 0): string[] {
  return env.counter.requests.slice(from).filter((r) => /\/containers\/\w+\/stats\?/.test(r));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('stats.watch on real containers', () => {
  it('reads the busy one first, the memory one holds, the idle one near 0, and the engine totals', async () => {
    const s = openSession();
    expect(await s.call('stats.watch', { watchId: 'w', intervalSeconds: 1 })).toEqual({
      intervalSeconds: 1,
    });
    // A container appears from its second sample, once the mirror has seen it running.
    const batch = await until('a batch reading all three', () =>
      s.batches.find((b) => b.containers.length === 3),
    );
    const of = (id: string) => batch.containers.find((c) => c.id === id)!;
    expect(batch.containers.map((c) => c.id).sort()).toEqual(Object.values(ids).sort());
    const byCpu = [...batch.containers].sort((a, b) => b.cpuPercent - a.cpuPercent);
    expect(byCpu[0]!.id).toBe(ids.busy);
    // How much of a CPU the loop gets depends on the machine's load; docker stats agrees (cli-top).
    expect(of(ids.busy).cpuPercent).toBeGreaterThan(5);
    expect(of(ids.idle).cpuPercent).toBeLessThan(2);
    expect(Math.abs(of(ids.holder).memoryBytes - HOLDER_BYTES)).toBeLessThan(HOLDER_BYTES * 0.1);
    expect(of(ids.idle).memoryBytes).toBeLessThan(HOLDER_BYTES * 0.1);

    const info = (await env.docker.info()) as { NCPU: number; MemTotal: number };
    // No limit was set: each container's limit is the engine's memory, as docker stats shows.
    for (const c of batch.containers) expect(c.memoryLimitBytes).toBe(info.MemTotal);
    const sum = (pick: (c: StatsBatch['containers'][number]) => number) =>
      batch.containers.reduce((total, c) => total + pick(c), 0);
    expect(batch.engines).toEqual([
      {
        engine: 'local',
        cpus: info.NCPU,
        memTotalBytes: info.MemTotal,
        cpuPercent: expect.closeTo(
          sum((c) => c.cpuPercent),
          6,
        ),
        memoryBytes: sum((c) => c.memoryBytes),
        containers: 3,
      },
    ]);
  });

  it('stops sampling a container once it is stopped: no more readings, no more requests', async () => {
    const id = await launch('dan', IMAGES.webapp);
    const s = openSession();
    await s.call('stats.watch', { watchId: 'w', intervalSeconds: 0.5 });
    await until('a reading of the new container', () =>
      s.batches.find((b) => b.containers.some((c) => c.id === id)),
    );
    await s.call('containers.stop', { targets: [{ engine: 'local', id }] });
    const next = await s.next('w');
    const asked = env.counter.requests.length;
    const later = await s.next('w', s.batches.indexOf(next) + 1);
    expect(later.containers.map((c) => c.id)).not.toContain(id);
    // Sampling goes on for the others (a round ends some time after it was asked).
    await until('another round asking the busy container', () =>
      statsRequests(asked).some((r) => r.includes(ids.busy)),
    );
    expect(statsRequests(asked).filter((r) => r.includes(id))).toEqual([]);
  });

  it('refuses a watch id in use and an unknown engine; unwatch ends the batches and the requests', async () => {
    const s = openSession();
    await s.call('stats.watch', { watchId: 'x', intervalSeconds: 0.5 });
    expect(await s.failure('stats.watch', { watchId: 'x' })).toMatchObject({
      code: 'CONFLICT',
      details: { field: 'watchId' },
    });
    expect(await s.failure('stats.watch', { watchId: 'y', engine: 'nope' })).toMatchObject({
      code: 'NOT_FOUND',
      details: { field: 'engine' },
    });
    await s.next('x');
    expect(await s.call('stats.unwatch', { watchId: 'x' })).toEqual({ stopped: true });
    expect(await s.call('stats.unwatch', { watchId: 'x' })).toEqual({ stopped: false });
    // A request already on its way to the relay may still land: count from one interval on.
    await pause(500);
    const batches = s.batches.length;
    const asked = env.counter.requests.length;
    await pause(1500); // three intervals
    expect(s.batches.length).toBe(batches);
    expect(statsRequests(asked)).toEqual([]);
  });

  it("keeps each session's batches to it, shares one round between watches, and ends a session's watches with it", async () => {
    const a = openSession();
    const b = openSession();
    await a.call('stats.watch', { watchId: 'mine', intervalSeconds: 0.5 });
    await b.call('stats.watch', { watchId: 'theirs', intervalSeconds: 0.5 });
    // Two watches of one interval: one round of requests per interval, not one per watch.
    await b.next('theirs');
    const from = a.batches.length;
    await a.next('mine', from);
    const asked = env.counter.requests.length;
    await until('four more batches', () => (a.batches.length >= from + 5 ? true : undefined));
    // Four rounds between the first batch and the fifth (one more, were a round under way).
    const busyAsked = statsRequests(asked).filter((r) => r.includes(ids.busy));
    expect(busyAsked.length).toBeGreaterThanOrEqual(3);
    expect(busyAsked.length).toBeLessThanOrEqual(5);
    expect(a.batches.every((batch) => batch.watchId === 'mine')).toBe(true);
    expect(b.batches.every((batch) => batch.watchId === 'theirs')).toBe(true);

    b.session.close();
    await a.call('stats.unwatch', { watchId: 'mine' });
    // The core ends b's watches when it sees b's socket close, a moment later (later still on a
    // loaded machine): wait for a second without a request, then none may come.
    let last = { count: statsRequests().length, at: Date.now() };
    await until('the stats requests to stop', () => {
      const count = statsRequests().length;
      if (count !== last.count) last = { count, at: Date.now() };
      return Date.now() - last.at >= 1000 ? true : undefined;
    });
    const after = env.counter.requests.length;
    await pause(1500);
    expect(statsRequests(after)).toEqual([]);
  });
});
