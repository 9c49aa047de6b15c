import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyService } from '../../src-core/proxy/proxy-service';
import { IMAGES } from '../support/fixture-images';
import { markedFor, startChp, chpProxySettings } from './support/chp-process';
import { eventually } from './support/eventually';
import { proxyRealm } from './support/proxy-realm';

let r: Awaited<ReturnType<typeof proxyRealm>>;
let chp: Awaited<ReturnType<typeof startChp>>;
let service: ProxyService;

beforeAll(async () => {
  [r, chp] = await Promise.all([proxyRealm('proxy-chp'), startChp()]);
  service = await ProxyService.start(r.registry, chpProxySettings(chp));
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
    // Ours, as a run of this app that crashed before removing it would leave it.
    expect(
      (
        await chp.api('POST', '/user/ghost/containers/deadbeef', {
          target: 'http://127.0.0.1:9',
          ...markedFor(r.realm),
        })
      ).status,
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
          // The container it was made for, from its marks.
          engineId: 'env',
          containerId: 'c0ffee',
        },
      ],
      foreignRoutes: [],
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
    expect(after).toEqual({
      backend: 'chp',
      orphanRoutes: [],
      foreignRoutes: [],
      unroutedContainers: [],
    });
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
    await chp.api('POST', container.urlpath, {
      target: 'http://127.0.0.1:9',
      ...markedFor(r.realm, container.id),
    });
    const report = await service.reconcile();
    expect(report.orphanRoutes).toEqual([
      {
        prefix: container.urlpath,
        target: 'http://127.0.0.1:9',
        reason: `the container is at http://${container.ip}:${container.port}`,
        engineId: 'env',
        containerId: container.id,
      },
    ]);
    expect(report.unroutedContainers.map((u) => u.containerId)).toEqual([container.id]);
    await service.fix();
    expect(await (await fetch(url!)).text()).toContain('JPY_USER=cleo');
  });

  it("leaves simphony-remote's and another realm's routes alone, listed as not ours, and removes our stale one", async () => {
    const { container } = await service.launch(r.engineId, {
      user: 'dora',
      image: IMAGES.webapp,
      mappingId: 'd',
    });
    const simphony = '/user/eve/containers/simphony_app';
    const otherRealm = '/user/finn/containers/0123456789abcdef';
    const ours = '/user/ghost/containers/feedface';
    // As simphony-remote adds its routes: a target and nothing else.
    await chp.api('POST', simphony, { target: 'http://127.0.0.1:10' });
    await chp.api('POST', otherRealm, { target: 'http://127.0.0.1:11', ...markedFor('elsewhere') });
    await chp.api('POST', ours, { target: 'http://127.0.0.1:12', ...markedFor(r.realm) });
    // Another party's route at the path of our ready container: replacing it would delete it too.
    await chp.api('POST', container.urlpath, { target: 'http://127.0.0.1:13' });

    const foreign = [
      {
        prefix: container.urlpath,
        target: 'http://127.0.0.1:13',
        reason:
          'not marked by this app (simphony-remote, another tool or by hand); it holds the path of a ready container of the realm, left without its route',
      },
      {
        prefix: simphony,
        target: 'http://127.0.0.1:10',
        reason: 'not marked by this app (simphony-remote, another tool or by hand)',
      },
      { prefix: otherRealm, target: 'http://127.0.0.1:11', reason: 'marked for realm "elsewhere"' },
    ];
    const after = await service.fix();
    const routes = await chp.routes();
    expect(routes).not.toHaveProperty([ours]);
    expect(routes[simphony]).toMatchObject({ target: 'http://127.0.0.1:10' });
    expect(routes[otherRealm]).toMatchObject({ target: 'http://127.0.0.1:11' });
    // Not replaced by ours: still theirs, unmarked.
    expect(routes[container.urlpath]).toMatchObject({ target: 'http://127.0.0.1:13' });
    expect(routes[container.urlpath]).not.toHaveProperty(['remoteapp_realm']);
    const byPrefix = (a: { prefix: string }, b: { prefix: string }) =>
      a.prefix.localeCompare(b.prefix);
    expect(after.foreignRoutes.sort(byPrefix)).toEqual(foreign.sort(byPrefix));
    expect(after.orphanRoutes).toEqual([]);
    expect(after.unroutedContainers.map((u) => u.containerId)).toEqual([container.id]);

    for (const path of [simphony, otherRealm, container.urlpath]) await chp.api('DELETE', path);
    expect(await service.fix()).toMatchObject({ foreignRoutes: [], unroutedContainers: [] });
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
