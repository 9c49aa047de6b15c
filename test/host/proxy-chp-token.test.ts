import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src-core/host/host';
import { startChp, chpProxySettings } from '../proxy/support/chp-process';
import { echoServer } from '../proxy/support/echo-server';
import { hostCalls } from '../support/host-calls';
import { startTestCore } from '../support/test-core';

let chp: Awaited<ReturnType<typeof startChp>>;
let elsewhere: Awaited<ReturnType<typeof echoServer>>;
let t: Awaited<ReturnType<typeof startTestCore>>;
let session: Session;

beforeAll(async () => {
  [chp, elsewhere] = await Promise.all([startChp(), echoServer('elsewhere')]);
  t = await startTestCore('proxy-chp-token', {
    proxy: {
      settings: chpProxySettings(chp, 5),
    },
  });
  session = t.core.host.open({ transport: 'in-process', label: 'test' }, () => undefined);
});
afterAll(async () => {
  session?.close();
  await t?.close();
  await elsewhere?.close();
  await chp?.stop();
});

const { call, failure } = hostCalls(() => session);

describe("CHP's token and its API's address", () => {
  it('asks for the token again when the API moves to another origin, and sends it nowhere', async () => {
    const { settings } = await call('proxy.status', {});
    // Whichever proxy is chosen: settings kept for the embedded one would send it on the next switch.
    for (const backend of ['chp', 'embedded'] as const) {
      const error = await failure('proxy.configure', {
        settings: {
          ...settings,
          backend,
          chp: { apiUrl: elsewhere.target, publicUrl: chp.publicUrl },
        },
      });
      expect(error).toMatchObject({
        code: 'VALIDATION',
        message: `settings.chp.token: is required again: the API moved from ${chp.apiUrl} to ${elsewhere.target}`,
        details: { field: 'settings.chp.token' },
      });
    }
    // Still on the CHP it had, with its token.
    expect((await call('proxy.status', {})).settings).toEqual(settings);
    expect(await call('proxy.reconcile', {})).toMatchObject({ backend: 'chp', orphanRoutes: [] });
    expect(elsewhere.seen).toEqual([]);
  });

  it('keeps the stored token while the API stays at its origin', async () => {
    const { settings } = await call('proxy.status', {});
    const apiUrl = `${chp.apiUrl}/`;
    const status = await call('proxy.configure', {
      settings: { ...settings, chp: { apiUrl, publicUrl: chp.publicUrl } },
    });
    expect(status.settings.chp).toEqual({ apiUrl, publicUrl: chp.publicUrl, tokenSet: true });
    // CHP took the kept token: a wrong one would have been refused with UNAUTHORIZED.
    expect(await call('proxy.reconcile', {})).toMatchObject({ backend: 'chp', orphanRoutes: [] });
    expect(elsewhere.seen).toEqual([]);
  });
});
