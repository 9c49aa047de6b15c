import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src-core/host/host';
import { IMAGES } from '../support/fixture-images';
import { hostCalls } from '../support/host-calls';
import { startTestCore } from '../support/test-core';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';

const dir = mkdtempSync(join(tmpdir(), 'remoteapp-proxy-catalog-'));
let t: Awaited<ReturnType<typeof startTestCore>>;
let session: Session;

beforeAll(async () => {
  t = await startTestCore('proxy-catalog', {
    catalogPath: join(dir, 'app.db'),
    proxy: { settings: embeddedProxySettings(0, 3) },
  });
  session = t.core.host.open({ transport: 'in-process', label: 'test' }, () => undefined);
});
afterAll(async () => {
  session?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const { call } = hostCalls(() => session);

describe('grant launches with the proxy running', () => {
  it('wait for each app, give working proxied URLs, and fail the app that never answers', async () => {
    await call('catalog.addUser', { name: 'alice' });
    for (const image of [IMAGES.webapp, IMAGES.silent]) {
      await call('catalog.addApplication', { image });
      await call('catalog.addGrant', { user: 'alice', image, policy: {} });
    }
    const web = await call('catalog.launch', {
      engine: 'local',
      image: IMAGES.webapp,
      users: ['alice'],
    });
    const [outcome] = web.outcomes;
    expect(outcome!.state).toBe('running');
    expect(outcome!.container!.url).toBe(`${t.core.proxy!.origin}${outcome!.container!.urlpath}/`);
    expect(await (await fetch(outcome!.container!.url!)).text()).toContain('JPY_USER=alice');

    const silent = await call('catalog.launch', {
      engine: 'local',
      image: IMAGES.silent,
      users: ['alice'],
    });
    expect(silent.outcomes[0]).toMatchObject({
      state: 'failed',
      error: { code: 'TIMEOUT', message: expect.stringMatching(/did not become ready/) },
    });
    const listed = await call('containers.list', {});
    expect(listed.engines[0]!.containers.map((c) => c.image)).toEqual([IMAGES.webapp]);
  });
});
