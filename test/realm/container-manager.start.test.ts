import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCoreError } from '../../src-core/api/errors';
import { escapeForName } from '../../src-core/realm/escape';
import { RUNINFO } from '../../src-core/realm/labels';
import { bindsOf } from '../support/container-binds';
import { IMAGES } from '../support/fixture-images';
import { testRealm } from '../support/test-realm';

const t = testRealm('start');
const manager = t.manager();
const hostDir = mkdtempSync(join(tmpdir(), 'remoteapp-vol-'));
afterAll(async () => {
  await t.cleanup();
  rmSync(hostDir, { recursive: true, force: true });
});

async function page(ip: string, port: number, path = '/'): Promise<string> {
  const response = await fetch(`http://${ip}:${port}${path}`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The app serves once its shell has written the page; give it a moment. */
async function pageWhenUp(ip: string, port: number, path = '/'): Promise<string> {
  for (let i = 0; i < 100; i++) {
    try {
      return await page(ip, port, path);
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return page(ip, port, path);
}

describe('startContainer', () => {
  it('writes the seed labels and name, and returns user, realm and the label url id', async () => {
    const user = 'john.doe@example.com';
    const { container } = await manager.startContainer({
      user,
      image: IMAGES.webapp,
      mappingId: 'map-1',
    });
    const info = await t.docker.getContainer(container.id).inspect();

    expect(info.Config.Labels).toEqual({
      [RUNINFO.user]: user,
      [RUNINFO.mappingId]: 'map-1',
      [RUNINFO.urlId]: container.urlId,
      [RUNINFO.urlpath]: `/user/john.doe@example.com/containers/${container.urlId}`,
      [RUNINFO.realm]: t.realm,
    });
    expect(info.Name).toMatch(
      new RegExp(`^/${escapeForName(t.realm)}-john\\.doe_40example\\.com-map-1-[a-z]{10}$`),
    );
    // The seed returned url_id "<image>_<port>" and left user and realm empty.
    expect(container).toMatchObject({
      user,
      realm: t.realm,
      mappingId: 'map-1',
      ip: '127.0.0.1',
      state: 'running',
    });
    expect(container.urlId).toBe(info.Config.Labels[RUNINFO.urlId]);
    expect(container.port).toBe(Number(info.NetworkSettings.Ports['8888/tcp']![0]!.HostPort));
    // A random port as the seed's, but on the address the container is reached at, not on all.
    expect(info.HostConfig.PortBindings).toEqual({
      '8888/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
    });
  });

  it('gives url ids unique across the realm and safe in simphony routes', async () => {
    // The seed's url id was the image's last segment ("webapp:1") for everyone.
    const a = await manager.startContainer({
      user: 'ann',
      image: IMAGES.webapp,
      mappingId: 'same-app',
    });
    const b = await manager.startContainer({
      user: 'ben',
      image: IMAGES.webapp,
      mappingId: 'same-app-b',
    });
    expect(a.container.urlId).not.toBe(b.container.urlId);
    for (const { container } of [a, b]) {
      expect(container.urlId).toMatch(/^[a-z0-9_]+$/);
      expect(container.urlpath).toBe(`/user/${container.user}/containers/${container.urlId}`);
    }
  });

  it('sets the environment, the caller never overriding the four it owns', async () => {
    const { container } = await manager.startContainer({
      user: 'carol@example.org',
      image: IMAGES.webapp,
      mappingId: 'env-1',
      environment: { JPY_USER: 'mallory', USER: 'root', URL_ID: 'x', EXTRA_SETTING: 'on' },
    });
    const text = await pageWhenUp(container.ip, container.port!, `${container.urlpath}/`);
    expect(text).toContain('JPY_USER=carol@example.org\n');
    expect(text).toContain('JPY_BASE_USER_URL=/user/carol@example.org\n');
    expect(text).toContain('USER=carol\n');
    expect(text).toContain(`URL_ID=${container.urlId}\n`);
    expect(text).toContain('EXTRA_SETTING=on\n');
    expect(text).not.toContain('mallory');
  });

  it('names a user without an @ "user" inside the container and honours a base url path', async () => {
    const { container } = await manager.startContainer({
      user: 'dave',
      image: IMAGES.webapp,
      mappingId: 'env-2',
      baseUrlpath: '/hub/user/dave/',
    });
    expect(container.urlpath).toBe(`/hub/user/dave/containers/${container.urlId}`);
    const text = await pageWhenUp(container.ip, container.port!);
    expect(text).toContain('USER=user\n');
    expect(text).toContain('JPY_BASE_USER_URL=/hub/user/dave\n');
  });

  it('refuses a second start of a mapping id while the first is pending', async () => {
    const first = manager.startContainer({
      user: 'erin',
      image: IMAGES.webapp,
      mappingId: 'pending-1',
    });
    await expect(
      manager.startContainer({ user: 'erin', image: IMAGES.webapp, mappingId: 'pending-1' }),
    ).rejects.toMatchObject({ code: 'OPERATION_IN_PROGRESS' });
    await first;
  });

  it('leaves exactly one container after 10 concurrent starts of one mapping id', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        manager.startContainer({ user: 'frank', image: IMAGES.webapp, mappingId: 'race-1' }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter(
      (r) => r.status === 'rejected' && isCoreError(r.reason, 'OPERATION_IN_PROGRESS'),
    );
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(9);
    expect(await manager.findContainers({ mappingId: 'race-1' })).toHaveLength(1);
  });

  it('replaces an existing container of the same user and mapping id', async () => {
    const old = await manager.startContainer({
      user: 'gina',
      image: IMAGES.webapp,
      mappingId: 'replace-1',
    });
    const fresh = await manager.startContainer({
      user: 'gina',
      image: IMAGES.webapp,
      mappingId: 'replace-1',
    });
    expect(fresh.container.id).not.toBe(old.container.id);
    const left = await manager.findContainers({ user: 'gina', mappingId: 'replace-1' });
    expect(left.map((c) => c.id)).toEqual([fresh.container.id]);
    await expect(t.docker.getContainer(old.container.id).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('mounts existing volume sources with their mode and skips missing ones, saying which', async () => {
    const missing = join(hostDir, 'does-not-exist');
    const result = await manager.startContainer({
      user: 'hank',
      image: IMAGES.webapp,
      mappingId: 'vol-1',
      volumes: [
        { source: hostDir, target: '/workspace', mode: 'ro' },
        { source: missing, target: '/data', mode: 'rw' },
      ],
    });
    expect(result.skippedVolumes).toEqual([{ source: missing, target: '/data', mode: 'rw' }]);
    const info = await t.docker.getContainer(result.container.id).inspect();
    expect(bindsOf(info)).toEqual([`${hostDir}:/workspace:ro`]);
    expect(info.Mounts).toEqual([
      expect.objectContaining({ Source: hostDir, Destination: '/workspace', RW: false }),
    ]);
  });

  it('removes a container whose start fails and reports the failure', async () => {
    await expect(
      manager.startContainer({ user: 'ivan', image: IMAGES.broken, mappingId: 'broken-1' }),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('no/such/entrypoint'),
    });
    const all = await t.docker.listContainers({
      all: true,
      filters: { label: [`${RUNINFO.realm}=${t.realm}`, `${RUNINFO.mappingId}=broken-1`] },
    });
    expect(all).toEqual([]);
  });
});
