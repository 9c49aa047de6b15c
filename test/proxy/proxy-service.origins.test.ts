import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { proxySettings } from '../../src-core/api/proxy';
import { parseOrThrow } from '../../src-core/api/validation';
import { ProxyService } from '../../src-core/proxy/proxy-service';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';
import { freePort } from '../support/free-port';
import { proxyRealm } from './support/proxy-realm';

let r: Awaited<ReturnType<typeof proxyRealm>>;
let service: ProxyService;

beforeAll(async () => {
  r = await proxyRealm('proxy-origins');
  const settings = parseOrThrow(proxySettings, {
    ...embeddedProxySettings(await freePort()),
    allowedOrigins: ['https://Apps.Example.org/'],
  });
  service = await ProxyService.start(r.registry, settings);
});

afterAll(async () => {
  await service?.close();
  await r?.close();
});

/** The status an upgrade from a page of `origin` gets; no app is routed, so 404 means it was let through. */
function upgradeStatus(origin: string): Promise<number> {
  const url = `${service.origin.replace('http', 'ws')}/user/ann/containers/none/`;
  const socket = new WebSocket(url, { origin });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('open', () => reject(new Error('opened')));
    socket.once('error', () => undefined);
  });
}

describe('allowed origins in the proxy settings', () => {
  it('are kept as browsers send them and let their pages through, others not', async () => {
    expect(service.settings.allowedOrigins).toEqual(['https://apps.example.org']);
    expect(await upgradeStatus('https://apps.example.org')).toBe(404);
    expect(await upgradeStatus('https://evil.example')).toBe(403);
  });

  it('take effect when changed, on the proxy already running', async () => {
    const { origin } = service;
    await service.configure({ ...service.settings, allowedOrigins: [] });
    expect(service.origin).toBe(origin);
    expect(await upgradeStatus('https://apps.example.org')).toBe(403);
  });

  it('refuse what is not an origin, naming the entry', () => {
    for (const value of ['https://apps.example.org/app', 'https://u:p@apps.example.org', 'ftp://x'])
      expect(() => parseOrThrow(proxySettings, { allowedOrigins: [value] }), value).toThrow(
        expect.objectContaining({
          code: 'VALIDATION',
          details: {
            field: 'allowedOrigins[0]',
            reason: 'must be an origin: http(s)://host[:port], without path or credentials',
          },
        }),
      );
  });
});
