import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyService } from '../../src-core/proxy/proxy-service';
import { IMAGES } from '../support/fixture-images';
import { startChp } from './support/chp-process';
import { eventually } from './support/eventually';
import { proxyRealm } from './support/proxy-realm';

let r: Awaited<ReturnType<typeof proxyRealm>>;
let chp: Awaited<ReturnType<typeof startChp>>;
let service: ProxyService;

beforeAll(async () => {
  [r, chp] = await Promise.all([proxyRealm('proxy-chp'), startChp()]);
  service = await ProxyService.start(r.registry, {
    backend: 'chp',
    host: '127.0.0.1',
    port: 1,
    readyTimeoutSeconds: 20,
    chp: { apiUrl: chp.apiUrl, publicUrl: chp.publicUrl, token: chp.token },
  });
});

afterAll(async () => {
  await service?.close();
  await chp?.stop();
  await r?.close();
});

describe('configurable-http-proxy as the proxy', () => {
  it('registers a launched container, serves it through CHP, and unregisters it when it stops', async () => {
    const { container, url } = await service.launch(r.engineId, {
      user: 'ann@example.org',
      image: IMAGES.webapp,
      mappingId: 'web',
    });
    expect(url).toBe(`${chp.publicUrl}${container.urlpath}/`);
    expect((await chp.routes())[container.urlpath]).toMatchObject({
      target: `http://${container.ip}:${container.port}`,
      remoteapp_realm: r.realm,
      remoteapp_container: container.id,
    });
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('JPY_USER=ann@example.org');
    expect(text).toContain(`URL_ID=${container.urlId}`);

    await r.registry.manager(r.engineId).stopAndRemoveContainer(container.id);
    await eventually(async () =>
      expect(await chp.routes()).not.toHaveProperty([container.urlpath]),
    );
    expect((await fetch(url!)).status).toBe(404);
  });

  it('reports a stale route and a container without its route, and fixes both in one action', async () => {
    const { container, url } = await service.launch(r.engineId, {
      user: 'bob',
      image: IMAGES.webapp,
      mappingId: 'b',
    });
    // By hand, as an operator or a crashed tool would leave things.
    expect(
      (await chp.api('POST', '/user/ghost/containers/deadbeef', { target: 'http://127.0.0.1:9' }))
        .status,
    ).toBe(201);
    expect((await chp.api('POST', '/hub', { target: 'http://127.0.0.1:9' })).status).toBe(201);
    expect((await chp.api('DELETE', container.urlpath)).status).toBe(204);
    expect((await fetch(url!)).status).toBe(404);

    const report = await service.reconcile();
    expect(report).toEqual({
      backend: 'chp',
      orphanRoutes: [
        {
          prefix: '/user/ghost/containers/deadbeef',
          target: 'http://127.0.0.1:9',
          reason: 'no ready container of the realm has this urlpath',
        },
      ],
      unroutedContainers: [
        {
          prefix: container.urlpath,
          target: `http://${container.ip}:${container.port}`,
          engineId: r.engineId,
          containerId: container.id,
        },
      ],
    });

    const after = await service.fix();
    expect(after).toEqual({ backend: 'chp', orphanRoutes: [], unroutedContainers: [] });
    const routes = await chp.routes();
    expect(routes).not.toHaveProperty(['/user/ghost/containers/deadbeef']);
    // Not a container route: not ours to judge.
    expect(routes).toHaveProperty(['/hub']);
    expect(await (await fetch(url!)).text()).toContain('JPY_USER=bob');
  });

  it('reports a route that points elsewhere and moves it back to the container', async () => {
    const { container, url } = await service.launch(r.engineId, {
      user: 'cleo',
      image: IMAGES.webapp,
      mappingId: 'c',
    });
    await chp.api('POST', container.urlpath, { target: 'http://127.0.0.1:9' });
    const report = await service.reconcile();
    expect(report.orphanRoutes).toEqual([
      {
        prefix: container.urlpath,
        target: 'http://127.0.0.1:9',
        reason: `the container is at http://${container.ip}:${container.port}`,
      },
    ]);
    expect(report.unroutedContainers.map((u) => u.containerId)).toEqual([container.id]);
    await service.fix();
    expect(await (await fetch(url!)).text()).toContain('JPY_USER=cleo');
  });

  it('refuses a wrong token with UNAUTHORIZED and keeps the proxy it has', async () => {
    const before = service.settings;
    const error = await service
      .configure({ ...before, chp: { ...before.chp!, token: 'not-the-token' } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({
      code: 'UNAUTHORIZED',
      message: `configurable-http-proxy at ${chp.apiUrl} refused the token`,
    });
    expect(String((error as Error).message)).not.toContain('not-the-token');
    expect(service.settings).toEqual(before);
    expect((await service.reconcile()).orphanRoutes).toEqual([]);
  });
});
