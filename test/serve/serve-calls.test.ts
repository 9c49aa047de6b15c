import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import { CALL_NAMES } from '../../src-core/api/contract';
import { IMAGES } from '../support/fixture-images';
import { writeToLogs } from '../support/container-logs';
import { contractFailure, recordEvents } from '../support/contract-calls';
import { startServeSession } from '../support/serve-session';
import { until } from '../support/until';

let session: Awaited<ReturnType<typeof startServeSession>>;
let env: typeof session.env;
let client: ContractClient;
/** The calls this file made, so that it can show that it made every one. */
const called = new Set<string>();

/** One line on the container's stdout, then one on its stderr. */
const writeOutAndErr = (id: string, out: string, err: string) =>
  writeToLogs(
    env.docker.getContainer(id),
    [
      { fd: 1, text: out },
      { fd: 2, text: err },
    ],
    0.2,
  );

beforeAll(async () => {
  session = await startServeSession('serve');
  env = session.env;
  const raw = session.client;
  client = {
    ...raw,
    call: (name, request) => {
      called.add(name);
      return raw.call(name, request);
    },
  };
});

afterAll(async () => {
  await session?.close();
});

describe('every call through the WebSocket transport, against the real engine', () => {
  it("engines.list: the test engine, connected, with its Docker id; the core's realm", async () => {
    const { engines, realm } = await client.call('engines.list', {});
    expect(realm).toBe(env.realm);
    expect(engines).toHaveLength(1);
    expect(engines[0]).toMatchObject({ id: 'local', state: 'connected', ip: '127.0.0.1' });
    expect(engines[0]!.dockerId).toMatch(/\S/);
  });

  it('images.list: the fixture images with their simphony labels', async () => {
    const { engines } = await client.call('images.list', {});
    const images = engines[0]!.images;
    const labeled = images.find((i) => i.name === IMAGES.labeled);
    expect(labeled?.uiName).not.toBe('');
    expect(images.some((i) => i.name === IMAGES.webapp)).toBe(true);
  });

  it('launch, list, inspect, url, logs, stop: one container through its life', async () => {
    const changes = recordEvents(client, 'containers.changed');
    const progress = recordEvents(client, 'operations.progress');
    const launched = await client.call('containers.launch', {
      user: 'alice',
      image: IMAGES.webapp,
      environment: { GREETING: 'hello' },
    });
    const { container } = launched;
    expect(launched.engine).toBe('local');
    expect(container).toMatchObject({ user: 'alice', state: 'running', realm: env.realm });
    expect(container.url).toBe(`http://127.0.0.1:${container.port}${container.urlpath}/`);

    // The URL answers with the container's own page, for the right user.
    const page = await (await fetch(container.url!)).text();
    expect(page).toContain('JPY_USER=alice');
    expect(page).toContain('GREETING=hello');

    const { engines } = await client.call('containers.list', {});
    expect(engines[0]!.containers.map((c) => c.id)).toContain(container.id);
    const one = await client.call('containers.list', { engine: 'local' });
    expect(one.engines[0]!.containers.map((c) => c.id)).toEqual([container.id]);

    const details = await client.call('containers.inspect', { engine: 'local', id: container.id });
    expect(details.container.id).toBe(container.id);
    expect(details.env).toContain('JPY_USER=alice');
    expect(details.startedAt).not.toBeNull();

    const { url } = await client.call('containers.url', { engine: 'local', id: container.id });
    expect(url).toBe(container.url);

    await writeOutAndErr(container.id, 'first line', 'an error line');
    // The log driver may take a moment to store what was written.
    let lines: Array<{ stream: string; text: string }> = [];
    for (let i = 0; i < 40 && lines.length < 2; i++) {
      ({ lines } = await client.call('containers.logs', { engine: 'local', id: container.id }));
      if (lines.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(lines).toEqual([
      { stream: 'stdout', text: 'first line' },
      { stream: 'stderr', text: 'an error line' },
    ]);

    const { results } = await client.call('containers.stop', {
      targets: [{ engine: 'local', id: container.id }],
      operationId: 'op-stop-1',
    });
    expect(results).toEqual([{ engine: 'local', id: container.id, ok: true, removed: true }]);
    const after = await client.call('containers.list', { engine: 'local' });
    expect(after.engines[0]!.containers).toEqual([]);

    // Events came in order: added before removed, progress counted to the end.
    await until('the removal event', () =>
      changes.find((c) => c.kind === 'removed' && c.id === container.id),
    );
    const mine = changes.filter(
      (c) => (c.kind === 'removed' ? c.id : c.container.id) === container.id,
    );
    expect(mine[0]!.kind).toBe('added');
    expect(mine.at(-1)!.kind).toBe('removed');
    expect(progress.filter((p) => p.operationId === 'op-stop-1')).toEqual([
      {
        operationId: 'op-stop-1',
        kind: 'stop',
        done: 1,
        total: 1,
        item: { engine: 'local', id: container.id },
      },
    ]);
  });

  it('containers.logs with a follow id streams lines as events until unfollowed', async () => {
    const { container } = await client.call('containers.launch', {
      user: 'logger',
      image: IMAGES.webapp,
    });
    const lines = recordEvents(client, 'containers.log');
    const ends = recordEvents(client, 'containers.logEnd');
    const reply = await client.call('containers.logs', {
      engine: 'local',
      id: container.id,
      tail: 0,
      followId: 'follow-1',
    });
    expect(reply.lines).toEqual([]);
    await writeOutAndErr(container.id, 'live line', 'live error');
    await until('two live lines', () => (lines.length >= 2 ? true : undefined));
    expect(lines).toEqual([
      { followId: 'follow-1', stream: 'stdout', text: 'live line' },
      { followId: 'follow-1', stream: 'stderr', text: 'live error' },
    ]);
    expect(await client.call('containers.unfollow', { followId: 'follow-1' })).toEqual({
      stopped: true,
    });
    await until('the end of the follow', () => ends.find((e) => e.followId === 'follow-1'));
    expect(await client.call('containers.unfollow', { followId: 'follow-1' })).toEqual({
      stopped: false,
    });
    await client.call('containers.stop', { targets: [{ engine: 'local', id: container.id }] });
  });

  it('containers.preview, engines.test, add, retry and remove (in depth: serve-preview, serve-engines)', async () => {
    const { containers } = await client.call('containers.preview', {
      users: ['zoe'],
      image: IMAGES.webapp,
    });
    expect(containers[0]).toMatchObject({ user: 'zoe', environment: { JPY_USER: 'zoe' } });
    const local = (await client.call('engines.list', {})).engines[0]!;
    // The test engine is reached through a counting relay on a unix socket.
    const path = local.endpoint.slice('unix://'.length);
    const probe = await client.call('engines.test', { profile: { kind: 'socket', path } });
    expect(probe.apiVersion).toBe(local.apiVersion);
    const { engine } = await client.call('engines.add', {
      profile: { kind: 'socket', id: 'again', path },
    });
    expect(engine.id).toBe('again');
    // Loaded, so not one to retry (a saved engine that failed to load: serve-not-loaded-engines).
    const retried = await contractFailure(client.call('engines.retry', { engine: 'again' }));
    expect(retried).toMatchObject({ code: 'NOT_FOUND', details: { field: 'engine' } });
    expect(await client.call('engines.remove', { engine: 'again' })).toEqual({ saved: true });
  });

  it('containers.relaunch, engines.passphrase and trustHostKey (in depth: serve-relaunch, engines-ssh)', async () => {
    const { container } = await client.call('containers.launch', {
      user: 'rob',
      image: IMAGES.webapp,
    });
    await client.call('containers.stop', { targets: [{ engine: 'local', id: container.id }] });
    const gone = await client.call('containers.relaunch', {
      targets: [{ engine: 'local', id: container.id }],
    });
    // Stopped and removed: nothing to read the launch back from.
    expect(gone.results).toMatchObject([{ engine: 'local', id: container.id, ok: false }]);
    const keyFile = '/home/ops/.ssh/id_ed25519';
    const passphrase = await contractFailure(
      client.call('engines.passphrase', { engine: 'local', keyFile, passphrase: 'x' }),
    );
    expect(passphrase).toMatchObject({ code: 'NOT_FOUND', details: { field: 'keyFile' } });
    const trust = await contractFailure(
      client.call('engines.trustHostKey', {
        engine: 'local',
        fingerprint: `SHA256:${'A'.repeat(43)}`,
      }),
    );
    expect(trust).toMatchObject({ code: 'NOT_FOUND', details: { field: 'engine' } });
  });

  it('engines.nodes and setNodeAvailability on a plain engine: NOT_FOUND on engine (in depth: serve-swarm-nodes)', async () => {
    const nodes = await contractFailure(client.call('engines.nodes', { engine: 'local' }));
    expect(nodes).toMatchObject({ code: 'NOT_FOUND', details: { field: 'engine' } });
    expect(nodes.message).toContain('does not run Swarm services');
    const drain = await contractFailure(
      client.call('engines.setNodeAvailability', {
        engine: 'local',
        node: 'xk3m0j8h2v9q4w7e1r5t6y0u2',
        availability: 'drain',
      }),
    );
    expect(drain).toMatchObject({ code: 'NOT_FOUND', details: { field: 'engine' } });
  });

  it('exercised every call of its domains', () => {
    const mine = CALL_NAMES.filter((n) => /^(engines|containers|images)\./.test(n));
    expect(mine.filter((name) => !called.has(name))).toEqual([]);
  });
});

describe('concurrency and errors', () => {
  it('runs concurrent calls and matches each reply to its call', async () => {
    const users = ['c1', 'c2', 'c3', 'c4'];
    const results = await Promise.all([
      ...users.map((user) => client.call('containers.launch', { user, image: IMAGES.webapp })),
      client.call('engines.list', {}),
      client.call('images.list', { engine: 'local' }),
    ]);
    const launched = results.slice(0, 4) as Array<{ container: { user: string; id: string } }>;
    expect(launched.map((r) => r.container.user)).toEqual(users);
    expect(new Set(launched.map((r) => r.container.id)).size).toBe(4);

    const progress = recordEvents(client, 'operations.progress');
    const { results: stopped } = await client.call('containers.stop', {
      targets: launched.map((r) => ({ engine: 'local', id: r.container.id })),
      operationId: 'op-stop-many',
    });
    expect(stopped.every((s) => s.ok)).toBe(true);
    // One progress event per container, counting up in order.
    await until('four progress events', () => (progress.length >= 4 ? true : undefined));
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
  });

  it('reports a failure with its code, per target', async () => {
    const error = await contractFailure(
      client.call('containers.launch', { user: 'bob', image: 'remoteapp-test/nothing-here:1' }),
    );
    expect(error.code).toBe('IMAGE_NOT_FOUND');

    const unknown = await contractFailure(
      client.call('containers.inspect', { engine: 'nowhere', id: 'abc' }),
    );
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', details: { field: 'engine' } });

    const { results } = await client.call('containers.stop', {
      targets: [{ engine: 'nowhere', id: 'abc' }],
    });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
