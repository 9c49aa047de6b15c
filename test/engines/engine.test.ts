import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Engine, type EngineStatus, type EngineTiming } from '../../src-core/engines/engine';
import { RUNINFO } from '../../src-core/realm/labels';

const REALM = 'fakerealm';
const REFUSED = 'connect ECONNREFUSED /var/run/docker.sock';

/**
 * A fake of the dockerode client: only the calls an Engine and its manager
 * make while watching (ping, info, version, getEvents, listContainers). The
 * reconnect state machine needs no Docker, and a fake ends a stream or
 * refuses a ping on cue, at a time the test's fake clock decides.
 */
class FakeDocker {
  up = true;
  /** The (fake) time of each ping. */
  readonly pings: number[] = [];
  /** The filters of each list. */
  readonly lists: Array<{ id?: string[]; label?: string[] }> = [];
  readonly streams: PassThrough[] = [];
  readonly eventFilters: unknown[] = [];
  entries: Docker.ContainerInfo[] = [];

  async ping() {
    this.pings.push(Date.now());
    if (!this.up) throw Object.assign(new Error(REFUSED), { code: 'ECONNREFUSED' });
    return 'OK';
  }

  async info() {
    return { ID: 'FAKE:ENGINE' };
  }

  async version() {
    return { ApiVersion: '1.47' };
  }

  async getEvents(options: { filters: unknown }) {
    this.eventFilters.push(options.filters);
    const stream = new PassThrough();
    this.streams.push(stream);
    return stream;
  }

  async listContainers({ filters }: { filters: { id?: string[]; label?: string[] } }) {
    this.lists.push(filters);
    return this.entries.filter((e) => !filters.id || filters.id.includes(e.Id));
  }
}

function entry(id: string, state = 'running'): Docker.ContainerInfo {
  return {
    Id: id,
    Names: [`/${REALM}-ann-m-${id}`],
    Image: 'app',
    ImageID: 'sha256:app',
    Command: '',
    Created: 1_700_000_000,
    Ports: [],
    Labels: {
      [RUNINFO.realm]: REALM,
      [RUNINFO.user]: 'ann',
      [RUNINFO.mappingId]: `m-${id}`,
      [RUNINFO.urlId]: `u${id}`,
      [RUNINFO.urlpath]: `/user/ann/containers/u${id}`,
    },
    State: state,
    Status: state === 'running' ? 'Up 1 second' : 'Exited (0) 1 second ago',
    HostConfig: { NetworkMode: 'default' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  };
}

/** One line of the events stream, as the daemon writes it. */
function event(id: string, action: string): string {
  return `${JSON.stringify({ Type: 'container', Action: action, Actor: { ID: id, Attributes: { exitCode: '0' } } })}\n`;
}

const TIMING: EngineTiming = {
  requestTimeoutMs: 1_000,
  heartbeatMs: 60_000,
  backoffMs: 100,
  maxBackoffMs: 400,
  unreachableAfterMs: 1_000,
};

const engines: Engine[] = [];

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
  vi.useRealTimers();
});

/** Runs what is due now, and everything it awaits. */
const settle = () => vi.advanceTimersByTimeAsync(0);
const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);

/** An engine on the fake client, started, with what it told: states and errors, and changes. */
async function watch(docker: FakeDocker, timing: Partial<EngineTiming> = {}) {
  const statuses: Array<Pick<EngineStatus, 'state' | 'lastError'>> = [];
  const changes: string[] = [];
  const engine = new Engine(
    { id: 'fake', name: 'fake', endpoint: 'fake://' },
    {
      docker: docker as unknown as Docker,
      endpoint: 'fake://',
      ip: '127.0.0.1',
      publishIp: '127.0.0.1',
      local: false,
      close: () => {},
    },
    {
      realm: REALM,
      timing: { ...TIMING, ...timing },
      onStatus: ({ state, lastError }) => statuses.push({ state, lastError }),
      onChange: (c) =>
        changes.push(
          c.kind === 'removed'
            ? `removed ${c.id}`
            : `${c.kind} ${c.container.id} ${c.container.state}`,
        ),
    },
  );
  engines.push(engine);
  expect(engine.snapshot().state).toBe('connecting');
  engine.start();
  await settle();
  return { engine, statuses, changes };
}

const connected = { state: 'connected', lastError: null };

describe('an engine connecting', () => {
  it('turns connected with its Docker id and API version, watching and listing its realm', async () => {
    const docker = new FakeDocker();
    docker.entries = [entry('c1')];
    const { engine, statuses, changes } = await watch(docker);
    expect(statuses).toEqual([connected]);
    expect(engine.snapshot()).toMatchObject({ dockerId: 'FAKE:ENGINE', apiVersion: '1.47' });
    expect(docker.eventFilters).toEqual([
      { type: ['container'], label: [`${RUNINFO.realm}=${REALM}`] },
    ]);
    expect(changes).toEqual(['added c1 running']);
  });

  it('is unreachable at once when it never connected, and connected once it answers', async () => {
    const docker = new FakeDocker();
    docker.up = false;
    const { statuses } = await watch(docker);
    expect(statuses).toEqual([{ state: 'unreachable', lastError: REFUSED }]);
    await wait(TIMING.backoffMs);
    docker.up = true;
    await wait(2 * TIMING.backoffMs);
    expect(statuses.map((s) => s.state)).toEqual(['unreachable', 'unreachable', 'connected']);
  });
});

describe('a connected engine that drops', () => {
  it('reconnects after a clean end of its events stream, and lists its realm again', async () => {
    const docker = new FakeDocker();
    docker.entries = [entry('c1')];
    const { statuses, changes } = await watch(docker);
    // Made while no stream was there to tell.
    docker.entries = [entry('c1'), entry('c2')];
    docker.streams[0]!.end();
    await settle();
    expect(statuses).toEqual([
      connected,
      { state: 'reconnecting', lastError: 'the events stream ended' },
    ]);

    await wait(TIMING.backoffMs - 1);
    expect(docker.pings).toHaveLength(1);
    await wait(1);
    expect(statuses.at(-1)).toEqual(connected);
    expect(docker.streams).toHaveLength(2);
    expect(docker.lists).toHaveLength(2);
    expect(changes).toEqual(['added c1 running', 'added c2 running']);
  });

  it.each([
    ['an error on', new Error('socket hang up'), 'events stream: socket hang up'],
    ['a close without end of', undefined, 'the events stream closed'],
  ])('reconnects after %s its events stream', async (_what, error, lastError) => {
    const docker = new FakeDocker();
    const { statuses } = await watch(docker);
    docker.streams[0]!.destroy(error);
    await wait(TIMING.backoffMs);
    expect(statuses).toEqual([connected, { state: 'reconnecting', lastError }, connected]);
    expect(docker.lists).toHaveLength(2);
  });

  it('reconnects after a heartbeat fails', async () => {
    const docker = new FakeDocker();
    const { statuses } = await watch(docker, { heartbeatMs: 1_000 });
    docker.up = false;
    await wait(1_000);
    expect(statuses).toEqual([connected, { state: 'reconnecting', lastError: REFUSED }]);
    docker.up = true;
    await wait(TIMING.backoffMs);
    expect(statuses.at(-1)).toEqual(connected);
    expect(docker.lists).toHaveLength(2);
  });

  it('shows reconnecting until unreachableAfterMs has passed since it dropped, then unreachable', async () => {
    const docker = new FakeDocker();
    const { statuses } = await watch(docker);
    docker.up = false;
    docker.streams[0]!.end();
    // Tries again 100, 300, 700 and 1100 ms after the drop.
    await wait(1_100);
    expect(statuses).toEqual([
      connected,
      { state: 'reconnecting', lastError: 'the events stream ended' },
      { state: 'reconnecting', lastError: REFUSED },
      { state: 'reconnecting', lastError: REFUSED },
      { state: 'reconnecting', lastError: REFUSED },
      { state: 'unreachable', lastError: REFUSED },
    ]);
    docker.up = true;
    await wait(TIMING.maxBackoffMs);
    expect(statuses.at(-1)).toEqual(connected);
    // A drop after that is counted from itself.
    docker.streams.at(-1)!.end();
    await settle();
    expect(statuses.at(-1)).toEqual({
      state: 'reconnecting',
      lastError: 'the events stream ended',
    });
  });

  it('waits twice as long after each failure, up to maxBackoffMs, and from backoffMs again once connected', async () => {
    const docker = new FakeDocker();
    docker.up = false;
    await watch(docker);
    await wait(1_900);
    docker.up = true;
    await wait(TIMING.maxBackoffMs);
    const gaps = docker.pings.slice(1).map((at, i) => at - docker.pings[i]!);
    expect(gaps).toEqual([100, 200, 400, 400, 400, 400, 400]);

    docker.streams[0]!.end();
    await wait(TIMING.backoffMs);
    expect(docker.pings.at(-1)! - docker.pings.at(-2)!).toBe(TIMING.backoffMs);
    expect(docker.streams).toHaveLength(2);
  });
});

describe('events', () => {
  it('are applied from the current stream, and do nothing when they come late from an old one', async () => {
    const docker = new FakeDocker();
    docker.entries = [entry('c1')];
    const { statuses, changes } = await watch(docker);
    const old = docker.streams[0]!;
    old.end();
    await wait(TIMING.backoffMs);
    expect(statuses.at(-1)).toEqual(connected);
    docker.entries = [entry('c1', 'exited')];
    const seen = { changes: changes.length, lists: docker.lists.length, statuses: statuses.length };

    // Still on its way when the old stream ended.
    old.emit('data', Buffer.from(event('c1', 'die')));
    old.emit('error', new Error('socket hang up'));
    await settle();
    expect(changes).toHaveLength(seen.changes);
    expect(docker.lists).toHaveLength(seen.lists);
    expect(statuses).toHaveLength(seen.statuses);

    docker.streams[1]!.write(event('c1', 'die'));
    await settle();
    expect(changes.slice(seen.changes)).toEqual(['changed c1 exited']);
    expect(docker.lists.slice(seen.lists)).toEqual([expect.objectContaining({ id: ['c1'] })]);
  });
});
