import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EngineRegistry } from '../../src-core/engines/engine-registry';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { startHttpRelay } from '../support/http-relay';
import { watchRegistry } from '../support/registry-watch';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { testRealm } from '../support/test-realm';

const t = testRealm('faults');
let second: SecondEngine;
let relay: Awaited<ReturnType<typeof startHttpRelay>>;
let registry: EngineRegistry;
let watch: ReturnType<typeof watchRegistry>;

beforeAll(async () => {
  second = await startSecondEngine('faults');
  relay = await startHttpRelay(second.socketPath);
  registry = new EngineRegistry({
    realm: t.realm,
    stopTimeoutSeconds: 1,
    timing: {
      requestTimeoutMs: 3_000,
      heartbeatMs: 1_000,
      backoffMs: 100,
      maxBackoffMs: 400,
      unreachableAfterMs: 60_000,
    },
  });
  watch = watchRegistry(registry);
  registry.add({ kind: 'env', id: 'local', env: { DOCKER_HOST: inject('dockerHost') } });
  registry.add(second.tlsProfile('tls'));
  // The same second daemon behind a relay that can end streams and hide the daemon.
  registry.add({ kind: 'tcp', id: 'relay', host: '127.0.0.1', port: relay.port });
  await Promise.all(['local', 'tls', 'relay'].map((id) => watch.state(id, 'connected')));
});

afterAll(async () => {
  watch?.stop();
  await registry?.close();
  await relay?.close();
  await t.cleanup();
  await second?.close();
});

function create(user: string) {
  return second.docker.createContainer({
    Image: IMAGES.webapp,
    Labels: {
      [RUNINFO.realm]: t.realm,
      [RUNINFO.user]: user,
      [RUNINFO.mappingId]: `m-${user}`,
      [RUNINFO.urlId]: `u${user}`,
      [RUNINFO.urlpath]: `/user/${user}/containers/u${user}`,
    },
  });
}

const ids = async (engineId: string) =>
  (await registry.listAll()).find((l) => l.engineId === engineId)!.containers.map((c) => c.id);

describe('faults on a watched engine', () => {
  it('reconnects an events stream that ends cleanly, and keeps emitting', async () => {
    await watch.until(
      'the relay to carry an events stream',
      () => relay.streams > 0 || undefined,
      5_000,
    );
    const from = watch.statuses.length;
    relay.endEventStreams();
    const dropped = await watch.passedThrough('relay', 'reconnecting', from);
    expect(dropped.lastError).toMatch(/events stream ended/);
    await watch.passedThrough('relay', 'connected', from);
    // The other engines never noticed.
    expect(
      watch.statuses.slice(from).filter((s) => s.id !== 'relay' && s.state !== 'connected'),
    ).toEqual([]);
    const changes = watch.changes.length;
    const after = await create('after-end');
    await watch.change(
      'a change through the new stream',
      (c) => c.engineId === 'relay' && c.kind === 'added' && c.container.id === after.id,
      { from: changes },
    );
    await after.remove();
  });

  it('turns reconnecting while the daemon is down and resyncs when it is back', async () => {
    const doomed = await create('doomed');
    const stays = await create('stays');
    await stays.start();
    for (const engineId of ['tls', 'relay'])
      await watch.until(
        `both on ${engineId}`,
        () =>
          (watch.sawAdded(engineId, stays.id) && watch.sawAdded(engineId, doomed.id)) || undefined,
        15_000,
      );

    const from = watch.statuses.length;
    const changes = watch.changes.length;
    const stoppedAt = Date.now();
    await second.stopDaemon();
    for (const engineId of ['tls', 'relay']) {
      const status = await watch.passedThrough(engineId, 'reconnecting', from);
      expect(status.lastError).not.toBeNull();
      expect(status.since).toBeGreaterThanOrEqual(stoppedAt);
      expect(status.latencyMs).toBeNull();
    }
    // A dead engine gives its error, not an empty list, and the local one still lists.
    const listings = await registry.listAll();
    expect(listings.find((l) => l.engineId === 'tls')!.error).toMatchObject({
      code: 'ENGINE_UNREACHABLE',
    });
    expect(listings.find((l) => l.engineId === 'local')!.error).toBeUndefined();

    // The daemon comes back, but the relay hides it while things change behind the app's back.
    relay.refuse();
    await second.startDaemon();
    await watch.passedThrough('tls', 'connected', from);
    const hiddenFrom = watch.changes.length;
    await doomed.remove();
    const sneaked = await create('sneaked');
    await sneaked.start();
    relay.accept();
    await watch.passedThrough('relay', 'connected', from);

    // After the resync the relay engine knows: the removed one is gone, the new one is there.
    await watch.change(
      'sneaked added on relay',
      (c) => c.engineId === 'relay' && c.kind === 'added' && c.container.id === sneaked.id,
      { from: hiddenFrom },
    );
    await watch.change(
      'doomed removed on relay',
      (c) => c.engineId === 'relay' && c.kind === 'removed' && c.id === doomed.id,
      { from: hiddenFrom },
    );
    // The daemon's stop stopped `stays`: its new state came as a change, not a whole list.
    await watch.change(
      'stays exited',
      (c) =>
        c.engineId === 'relay' &&
        c.kind === 'changed' &&
        c.container.id === stays.id &&
        c.container.state === 'exited',
      { from: changes },
    );
    expect(await ids('relay')).toEqual(expect.arrayContaining([stays.id, sneaked.id]));
    expect(await ids('relay')).not.toContain(doomed.id);
    expect(await ids('tls')).not.toContain(doomed.id);
    await Promise.all([stays.remove({ force: true }), sneaked.remove({ force: true })]);
  });
});
