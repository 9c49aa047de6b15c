import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyService } from '../../src-core/proxy/proxy-service';
import { IMAGES } from '../support/fixture-images';
import { freePort } from '../support/free-port';
import { proxyRealm } from './support/proxy-realm';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';

let r: Awaited<ReturnType<typeof proxyRealm>>;
let service: ProxyService;

beforeAll(async () => {
  r = await proxyRealm('proxy-configure');
  service = await ProxyService.start(r.registry, embeddedProxySettings(await freePort()));
});

afterAll(async () => {
  await service?.close();
  await r?.close();
});

describe('changing the proxy settings while it runs', () => {
  it('moves the embedded proxy and its routes to the new address', async () => {
    const { container, url } = await service.launch(r.engineId, {
      user: 'ann',
      image: IMAGES.webapp,
      mappingId: 'web',
    });
    const oldOrigin = service.origin;
    const port = await freePort();
    await service.configure({ ...service.settings, port });
    expect(service.origin).toBe(`http://127.0.0.1:${port}`);
    const moved = service.urlOf(r.engineId, container.id)!;
    expect(moved).toBe(`http://127.0.0.1:${port}${container.urlpath}/`);
    expect(await (await fetch(moved)).text()).toContain('JPY_USER=ann');
    // Nothing answers at the old address any more.
    await expect(fetch(url!)).rejects.toThrow();
    expect(url!.startsWith(oldOrigin)).toBe(true);
  });

  it('refuses a port in use with CONFLICT naming the port, and keeps serving where it was', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const before = service.settings;
      await expect(service.configure({ ...before, port })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: `port: 127.0.0.1:${port} is already in use`,
        details: { field: 'port' },
      });
      expect(service.settings).toEqual(before);
      const [listing] = await r.registry.listAll();
      const url = service.urlOf(r.engineId, listing!.containers[0]!.id)!;
      expect(url!.startsWith(`http://127.0.0.1:${before.port}/`)).toBe(true);
      expect((await fetch(url!)).status).toBe(200);
    } finally {
      taken.close();
    }
  });

  it('applies a new readiness time-out to the next launch', async () => {
    await service.configure({ ...service.settings, readyTimeoutSeconds: 1 });
    await expect(
      service.launch(r.engineId, { user: 'sam', image: IMAGES.silent, mappingId: 'quiet' }),
    ).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('within 1 s') });
  });
});
