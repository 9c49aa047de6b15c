import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyService } from '../../src-core/proxy/proxy-service';
import type { ReadinessChange } from '../../src-core/proxy/readiness-service';
import { IMAGES } from '../support/fixture-images';
import { eventually } from './support/eventually';
import { proxyRealm } from './support/proxy-realm';
import { rawGet } from './support/raw-http';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';

let r: Awaited<ReturnType<typeof proxyRealm>>;
let service: ProxyService;
const readiness: ReadinessChange[] = [];

beforeAll(async () => {
  r = await proxyRealm('proxy-embedded');
  service = await ProxyService.start(r.registry, embeddedProxySettings(0));
  service.onReadiness((change) => readiness.push(change));
});

afterAll(async () => {
  await service?.close();
  await r?.close();
});

describe('the embedded proxy with real containers', () => {
  it('launches, waits for the app, and serves its page with its environment at the proxied URL', async () => {
    const { container, url } = await service.launch(r.engineId, {
      user: 'ann@example.org',
      image: IMAGES.webapp,
      mappingId: 'web',
    });
    expect(url).toBe(`${service.origin}${container.urlpath}/`);
    expect(url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/user\/ann@example\.org\/containers\/[0-9a-f]{32}\/$/,
    );
    // Published on loopback only, the proxy still reaches it.
    const { NetworkSettings } = await r.docker.getContainer(container.id).inspect();
    expect(NetworkSettings.Ports['8888/tcp']).toEqual([
      { HostIp: '127.0.0.1', HostPort: String(container.port) },
    ]);
    const response = await fetch(url!);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('JPY_USER=ann@example.org');
    expect(page).toContain(`URL_ID=${container.urlId}`);
    expect(page).toContain('JPY_BASE_USER_URL=/user/ann@example.org');
    // The container showed "starting" then "ready".
    expect(readiness.filter((c) => c.id === container.id).map((c) => c.readiness)).toEqual([
      'starting',
      'ready',
    ]);
    expect(service.readiness(r.engineId, container.id)).toBe('ready');
    expect(service.urlOf(r.engineId, container.id)).toBe(url);
  });

  it("keeps one user's container out of reach from another's path", async () => {
    const ann = await service.launch(r.engineId, {
      user: 'ann',
      image: IMAGES.webapp,
      mappingId: 'a',
    });
    const bob = await service.launch(r.engineId, {
      user: 'bob',
      image: IMAGES.webapp,
      mappingId: 'b',
    });
    const bobId = bob.container.urlId;
    const annPath = ann.container.urlpath;
    const escape = await rawGet(service.origin, `${annPath}/../../../bob/containers/${bobId}/`);
    expect(escape.status).toBe(400);
    expect(escape.body).not.toContain('JPY_USER=bob');
    const swapped = await rawGet(service.origin, `/user/ann/containers/${bobId}/`);
    expect(swapped.status).toBe(404);
    expect(swapped.body).toContain('No application here');
    const own = await rawGet(service.origin, `/user/bob/containers/${bobId}/`);
    expect(own.status).toBe(200);
    expect(own.body).toContain('JPY_USER=bob');
  });

  it('drops the route when the container stops: the same URL answers 404 after', async () => {
    const { container, url } = await service.launch(r.engineId, {
      user: 'carl',
      image: IMAGES.webapp,
      mappingId: 'c',
    });
    expect((await fetch(url!)).status).toBe(200);
    await r.registry.manager(r.engineId).stopAndRemoveContainer(container.id);
    await eventually(() => expect(service.urlOf(r.engineId, container.id)).toBeNull());
    const after = await fetch(url!);
    expect(after.status).toBe(404);
    expect(await after.text()).toContain(
      `No running application is routed at ${container.urlpath}/`,
    );
    expect(service.readiness(r.engineId, container.id)).toBeNull();
  });

  it('drops the route when the container dies outside the app', async () => {
    const { container, url } = await service.launch(r.engineId, {
      user: 'dora',
      image: IMAGES.webapp,
      mappingId: 'd',
    });
    await r.docker.getContainer(container.id).kill();
    await eventually(async () => expect((await fetch(url!)).status).toBe(404));
  });

  it('follows a restart to the port the container publishes next', async () => {
    const { container, url } = await service.launch(r.engineId, {
      user: 'finn',
      image: IMAGES.webapp,
      mappingId: 'f',
    });
    await r.docker.getContainer(container.id).restart({ t: 1 });
    // Docker publishes the port anew: the route must follow, through its stop and readiness again.
    await eventually(async () =>
      expect(await (await fetch(url!)).text()).toContain('JPY_USER=finn'),
    );
    // The route leads to the new port: nothing to reconcile.
    expect(await service.reconcile()).toEqual({
      backend: 'embedded',
      orphanRoutes: [],
      foreignRoutes: [],
      unroutedContainers: [],
    });
    expect(service.urlOf(r.engineId, container.id)).toBe(url);
  });

  it('routes a running container it finds at start once its app answers', async () => {
    const { container } = await r.registry.manager(r.engineId).startContainer({
      user: 'erin',
      image: IMAGES.webapp,
      mappingId: 'e',
    });
    const second = await ProxyService.start(r.registry, { ...service.settings, port: 0 });
    try {
      const url = await eventually(() => {
        const found = second.urlOf(r.engineId, container.id);
        if (!found) throw new Error('not routed yet');
        return found;
      });
      expect(await (await fetch(url!)).text()).toContain('JPY_USER=erin');
    } finally {
      await second.close();
    }
  });
});
