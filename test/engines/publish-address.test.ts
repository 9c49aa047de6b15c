import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EngineRegistry } from '../../src-core/engines/engine-registry';
import { Launcher } from '../../src-core/engines/launcher';
import { IMAGES } from '../support/fixture-images';
import { watchRegistry } from '../support/registry-watch';
import { testRealm } from '../support/test-realm';

const t = testRealm('publish');
const registry = new EngineRegistry({ realm: t.realm, stopTimeoutSeconds: 2 });
const watch = watchRegistry(registry);
const launcher = new Launcher(registry);
const dockerHost = inject('dockerHost');

beforeAll(async () => {
  // One daemon, three profiles: as a local engine, and with the publish address set two ways.
  registry.add({ kind: 'env', id: 'here', env: { DOCKER_HOST: dockerHost } });
  registry.add({
    kind: 'env',
    id: 'pinned',
    env: { DOCKER_HOST: dockerHost },
    ip: '127.0.0.2',
    publishIp: '127.0.0.2',
  });
  registry.add({ kind: 'env', id: 'reached', env: { DOCKER_HOST: dockerHost }, ip: '127.0.0.3' });
  await Promise.all(['here', 'pinned', 'reached'].map((id) => watch.state(id, 'connected')));
});

afterAll(async () => {
  watch.stop();
  await registry.close();
  await t.cleanup();
});

/** What `docker port` prints for a container: one `8888/tcp -> ADDRESS:PORT` line per binding. */
async function dockerPort(id: string): Promise<string[]> {
  const env = { ...process.env, DOCKER_HOST: dockerHost };
  const { stdout } = await promisify(execFile)('docker', ['port', id], { env });
  return stdout.trim().split('\n');
}

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (response) => response.ok,
    () => false,
  );
}

describe("a launched container's port", () => {
  it('is published on 127.0.0.1 only for an engine on this machine, and answers there', async () => {
    expect(registry.statuses().find((s) => s.id === 'here')!.publishIp).toBe('127.0.0.1');
    const { container } = await launcher.launch('here', {
      user: 'ann',
      image: IMAGES.webapp,
      mappingId: 'web',
    });
    expect(await dockerPort(container.id)).toEqual([`8888/tcp -> 127.0.0.1:${container.port}`]);
    expect(container.ip).toBe('127.0.0.1');
    expect(await answers(`http://127.0.0.1:${container.port}${container.urlpath}/`)).toBe(true);
  });

  it("is published on the profile's publish address, and on no other", async () => {
    expect(registry.statuses().find((s) => s.id === 'pinned')!.publishIp).toBe('127.0.0.2');
    const { container } = await launcher.launch('pinned', {
      user: 'ben',
      image: IMAGES.webapp,
      mappingId: 'web',
    });
    expect(await dockerPort(container.id)).toEqual([`8888/tcp -> 127.0.0.2:${container.port}`]);
    expect(await answers(`http://127.0.0.2:${container.port}${container.urlpath}/`)).toBe(true);
    expect(await answers(`http://127.0.0.1:${container.port}${container.urlpath}/`)).toBe(false);
  });

  it('follows the address the engine is reached by when no publish address is set', async () => {
    const { container } = await launcher.launch('reached', {
      user: 'cid',
      image: IMAGES.webapp,
      mappingId: 'web',
    });
    expect(await dockerPort(container.id)).toEqual([`8888/tcp -> 127.0.0.3:${container.port}`]);
    expect(await answers(`http://127.0.0.3:${container.port}${container.urlpath}/`)).toBe(true);
  });

  it('is shown in the preview, as the start will publish it', async () => {
    const manager = registry.manager('pinned');
    const { plan } = await manager.previewContainer({
      user: 'dee',
      image: IMAGES.webapp,
      mappingId: 'web',
    });
    expect(plan.publishIp).toBe('127.0.0.2');
    expect(plan.create.HostConfig!.PortBindings).toEqual({
      '8888/tcp': [{ HostIp: '127.0.0.2', HostPort: '' }],
    });
  });

  it('refuses a publish address that is not an IP, naming the field', () => {
    expect(() =>
      registry.add({
        kind: 'env',
        id: 'bad',
        env: { DOCKER_HOST: dockerHost },
        publishIp: 'example.org',
      }),
    ).toThrow(/publishIp: must be an IP address/);
  });
});
