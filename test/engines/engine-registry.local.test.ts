import { afterAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { inject } from 'vitest';
import { EngineRegistry } from '../../src-core/engines/engine-registry';
import { isCoreError } from '../../src-core/api/errors';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { watchRegistry } from '../support/registry-watch';
import { testRealm } from '../support/test-realm';

const t = testRealm('registry');
const other = testRealm('registry-other');
const registry = new EngineRegistry({ realm: t.realm, stopTimeoutSeconds: 2 });
const watch = watchRegistry(registry);

afterAll(async () => {
  watch.stop();
  await registry.close();
  await t.cleanup([other.realm]);
});

function labels(realm: string, user: string) {
  return {
    [RUNINFO.realm]: realm,
    [RUNINFO.user]: user,
    [RUNINFO.mappingId]: `m-${user}`,
    [RUNINFO.urlId]: `u${user}`,
    [RUNINFO.urlpath]: `/user/${user}/containers/u${user}`,
  };
}

const isAbout = (id: string) => (c: { kind: string; id?: string; container?: { id: string } }) =>
  (c.kind === 'removed' ? c.id : c.container?.id) === id;

describe('the local engine through DOCKER_HOST', () => {
  it('connects and reports its Docker id, API version, latency and ip', async () => {
    const added = registry.add({
      kind: 'env',
      name: 'Here',
      env: { DOCKER_HOST: inject('dockerHost') },
    });
    expect(added).toMatchObject({ id: 'env', name: 'Here', state: 'connecting', ip: '127.0.0.1' });
    const status = await watch.state('env', 'connected');
    const info = await t.docker.info();
    expect(status.dockerId).toBe(info.ID);
    expect(status.apiVersion).toMatch(/^1\.\d+$/);
    expect(status.latencyMs).toBeGreaterThan(0);
    expect(status.lastError).toBeNull();
    expect(status.endpoint).toBe(inject('dockerHost'));
  });

  it('emits added, changed and removed for raw-API create, start, stop, kill and remove', async () => {
    const from = watch.changes.length;
    const container = await t.docker.createContainer({
      Image: IMAGES.sleeper,
      Labels: labels(t.realm, 'raw'),
    });
    const id = container.id;
    await watch.change('added', (c) => isAbout(id)(c) && c.kind === 'added', { from });
    await container.start();
    await watch.change(
      'running',
      (c) => isAbout(id)(c) && c.kind === 'changed' && c.container.state === 'running',
      { from },
    );
    await container.stop({ t: 0 });
    const stopped = watch.changes.length;
    await watch.change(
      'exited after stop',
      (c) => isAbout(id)(c) && c.kind === 'changed' && c.container.state === 'exited',
      { from },
    );
    await container.start();
    await watch.change(
      'running again',
      (c) => isAbout(id)(c) && c.kind === 'changed' && c.container.state === 'running',
      { from: stopped },
    );
    const killed = watch.changes.length;
    await container.kill();
    const exited = await watch.change(
      'exited after kill',
      (c) => isAbout(id)(c) && c.kind === 'changed' && c.container.state === 'exited',
      { from: killed },
    );
    expect(exited.kind === 'changed' && exited.container.status).toMatch(/Exited \(137\)/);
    await container.remove();
    await watch.change('removed', (c) => isAbout(id)(c) && c.kind === 'removed', { from });
    // Every change carries the engine and whole per-container data, never a list.
    for (const change of watch.about(id, from)) expect(change.engineId).toBe('env');
  });

  it('emits nothing for a container of another realm', async () => {
    const from = watch.changes.length;
    const foreign = await t.docker.createContainer({
      Image: IMAGES.sleeper,
      Labels: labels(other.realm, 'foreign'),
    });
    await foreign.start();
    await foreign.remove({ force: true });
    // A container of our realm made afterwards: once its change is here, the foreign one's would be too.
    const marker = await t.docker.createContainer({
      Image: IMAGES.sleeper,
      Labels: labels(t.realm, 'marker'),
    });
    await watch.change('the marker', (c) => isAbout(marker.id)(c), { from });
    expect(watch.about(foreign.id, from)).toEqual([]);
    await marker.remove({ force: true });
  });

  it('launches and stops through the engine manager, lists it, and picks the engine for "any"', async () => {
    const alice = { user: 'alice', mappingId: 'reg-1' };
    expect(registry.planEngines('any', [alice])).toEqual([{ engine: 'env', alsoOn: [] }]);
    expect(registry.planEngines('env', [alice])).toEqual([{ engine: 'env', alsoOn: [] }]);
    const from = watch.changes.length;
    const { container } = await registry
      .manager('env')
      .startContainer({ user: 'alice', image: IMAGES.webapp, mappingId: 'reg-1' });
    expect(container.ip).toBe('127.0.0.1');
    await watch.change(
      'launched',
      (c) => isAbout(container.id)(c) && c.kind !== 'removed' && c.container.state === 'running',
      { from },
    );
    const [listing] = await registry.listAll();
    expect(listing!.engineId).toBe('env');
    expect(listing!.error).toBeUndefined();
    expect(listing!.containers.map((c) => c.id)).toContain(container.id);
    const response = await fetch(`http://${container.ip}:${container.port}${container.urlpath}/`);
    expect(response.status).toBe(200);
    await registry.manager('env').stopAndRemoveContainer(container.id);
    await watch.change('stopped', (c) => isAbout(container.id)(c) && c.kind === 'removed', {
      from,
    });
  });

  it('refuses an unknown engine and a duplicate id', () => {
    expect(() => registry.manager('nowhere')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    let error: unknown;
    try {
      registry.add({ kind: 'socket', id: 'env' });
    } catch (e) {
      error = e;
    }
    expect(isCoreError(error, 'CONFLICT')).toBe(true);
    expect(() => registry.add({ kind: 'tcp', host: '127.0.0.1', port: 70000 })).toThrow(
      /port: must be a port number/,
    );
    expect(() =>
      registry.add({
        kind: 'ssh',
        host: 'h',
        user: 'u',
        keyFile: '/k',
        remoteDocker: 'docker; rm -rf ~',
      }),
    ).toThrow(/^remoteDocker: must be a plain command path/);
    expect(() =>
      registry.add({ kind: 'ssh', host: 'h', user: 'u', keyFile: '/nonexistent/key' }),
    ).toThrow(/^keyFile: cannot read "\/nonexistent\/key": no such file$/);
    // The reason in words, the path said once.
    expect(() =>
      registry.add({ kind: 'tcp', host: 'h', port: 2376, tls: { ca: '/nonexistent/ca.pem' } }),
    ).toThrow(/^tls\.ca: cannot read "\/nonexistent\/ca\.pem": no such file$/);
    expect(() =>
      registry.add({ kind: 'tcp', host: 'h', port: 2376, tls: { ca: tmpdir() } }),
    ).toThrow(/^tls\.ca: cannot read ".*": is a folder, not a file$/);
    // Nothing half-added.
    expect(registry.statuses().map((s) => s.id)).toEqual(['env']);
  });
});
