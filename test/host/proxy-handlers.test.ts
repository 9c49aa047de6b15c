import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../src-core/api/contract';
import type { Session } from '../../src-core/host/host';
import { IMAGES } from '../support/fixture-images';
import { hostCalls } from '../support/host-calls';
import { startTestCore } from '../support/test-core';
import { freePort } from '../support/free-port';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';

const dir = mkdtempSync(join(tmpdir(), 'remoteapp-proxy-host-'));
const settingsPath = join(dir, 'proxy.json');
let t: Awaited<ReturnType<typeof startTestCore>>;
let session: Session;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are checked field by field below
const events: Array<{ name: EventName; payload: any }> = [];

beforeAll(async () => {
  t = await startTestCore('proxy-host', {
    proxy: {
      settingsPath,
      settings: embeddedProxySettings(await freePort(), 3),
    },
  });
  session = t.core.host.open({ transport: 'in-process', label: 'test' }, (name, payload) =>
    events.push({ name, payload }),
  );
});
afterAll(async () => {
  session?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const { call, failure } = hostCalls(() => session);

describe('the proxy over the contract', () => {
  it('launches through readiness and gives the container its proxied URL', async () => {
    const { engine, container } = await call('containers.launch', {
      engine: 'local',
      user: 'ann',
      image: IMAGES.webapp,
    });
    const { origin } = await call('proxy.status', {});
    expect(container.url).toBe(`${origin}${container.urlpath}/`);
    expect(await (await fetch(container.url!)).text()).toContain('JPY_USER=ann');
    const readiness = events.filter(
      (e) => e.name === 'proxy.readiness' && e.payload.id === container.id,
    );
    expect(readiness.map((e) => [e.payload.readiness, e.payload.url])).toEqual([
      ['starting', null],
      ['ready', container.url],
    ]);
    expect(await call('proxy.url', { engine, id: container.name })).toEqual({
      url: container.url,
      readiness: 'ready',
    });
    const listed = await call('containers.list', {});
    expect(listed.engines[0]!.containers.find((c) => c.id === container.id)?.url).toBe(
      container.url,
    );
    expect(await call('containers.url', { engine, id: container.id })).toEqual({
      url: container.url,
    });
  });

  it('fails a launch whose app never answers, saying so, and leaves nothing behind', async () => {
    const error = await failure('containers.launch', {
      engine: 'local',
      user: 'sam',
      image: IMAGES.silent,
    });
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(
      /did not become ready: .* within 3 s, so the container was removed$/,
    );
    const listed = await call('containers.list', {});
    expect(listed.engines[0]!.containers.filter((c) => c.user === 'sam')).toEqual([]);
  });

  it('reports the settings without the token, and an empty reconciliation when all is routed', async () => {
    const status = await call('proxy.status', {});
    expect(status.settings).toMatchObject({ backend: 'embedded', host: '127.0.0.1', chp: null });
    expect(status.origin).toBe(`http://127.0.0.1:${status.settings.port}`);
    expect(await call('proxy.reconcile', {})).toEqual({
      backend: 'embedded',
      orphanRoutes: [],
      foreignRoutes: [],
      unroutedContainers: [],
    });
  });

  it('refuses bad settings naming the field, and keeps good ones in the shared file', async () => {
    const { settings } = await call('proxy.status', {});
    const base = { ...settings, chp: null };
    expect(
      await failure('proxy.configure', { settings: { ...base, host: '0.0.0.0' } }),
    ).toMatchObject({ code: 'VALIDATION', details: { field: 'settings.host' } });
    expect(
      await failure('proxy.configure', {
        settings: {
          ...base,
          backend: 'chp',
          chp: { apiUrl: 'http://127.0.0.1:1', publicUrl: 'http://127.0.0.1:2' },
        },
      }),
    ).toMatchObject({ code: 'VALIDATION', details: { field: 'settings.chp.token' } });

    const port = await freePort();
    const status = await call('proxy.configure', {
      settings: { ...base, port, readyTimeoutSeconds: 5 },
    });
    expect(status.origin).toBe(`http://127.0.0.1:${port}`);
    expect(JSON.parse(readFileSync(settingsPath, 'utf8'))).toMatchObject({
      port,
      readyTimeoutSeconds: 5,
    });
    expect(statSync(settingsPath).mode & 0o077).toBe(0);
    // The running container moved with the proxy.
    const listed = await call('containers.list', {});
    const ann = listed.engines[0]!.containers.find((c) => c.user === 'ann')!;
    expect(ann.url).toBe(`http://127.0.0.1:${port}${ann.urlpath}/`);
    expect((await fetch(ann.url!)).status).toBe(200);
    // Open windows are told: the row's URL changes without a re-list.
    const moved = events.filter(
      (e) => e.name === 'containers.changed' && e.payload.container?.id === ann.id,
    );
    expect(moved.at(-1)!.payload.container.url).toBe(ann.url);
  });

  it('reaches a CHP only with a token that works, and never returns the token', async () => {
    const { settings } = await call('proxy.status', {});
    const error = await failure('proxy.configure', {
      settings: {
        ...settings,
        backend: 'chp',
        chp: {
          apiUrl: `http://127.0.0.1:${await freePort()}`,
          publicUrl: 'http://127.0.0.1:8000',
          token: 'secret-token',
        },
      },
    });
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(
      /configurable-http-proxy at http:\/\/127\.0\.0\.1:\d+ cannot be reached \(ECONNREFUSED\)/,
    );
    expect(JSON.stringify(await call('proxy.status', {}))).not.toContain('secret-token');
    expect((await call('proxy.status', {})).settings.backend).toBe('embedded');
  });
});
