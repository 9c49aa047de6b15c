import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCoreError } from '../../src-core/api/errors';
import { waitForHttp2xx } from '../../src-core/proxy/readiness-probe';
import { ReadinessService, type ReadinessChange } from '../../src-core/proxy/readiness-service';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { realmContainer } from '../support/realm-container';
import { proxyRealm } from './support/proxy-realm';

let r: Awaited<ReturnType<typeof proxyRealm>>;
const readiness = new ReadinessService({ timeoutMs: 3000 });
const changes: ReadinessChange[] = [];
readiness.onChange((change) => changes.push(change));

beforeAll(async () => {
  r = await proxyRealm('readiness');
});

afterAll(async () => {
  readiness.close();
  await r?.close();
});

describe('readiness of a launch', () => {
  it('returns once the app answers 2xx at its urlpath, having shown starting then ready', async () => {
    const { container } = await readiness.launch(r.engineId, r.registry.manager(r.engineId), {
      user: 'ann',
      image: IMAGES.webapp,
      mappingId: 'web',
    });
    // Ready means it answers now, at the urlpath with the end slash.
    const page = await fetch(`http://${container.ip}:${container.port}${container.urlpath}/`);
    expect(page.status).toBe(200);
    expect(changes.filter((c) => c.id === container.id).map((c) => c.readiness)).toEqual([
      'starting',
      'ready',
    ]);
  });

  it('removes a container whose app never answers and says so', async () => {
    const manager = r.registry.manager(r.engineId);
    const error = await readiness
      .launch(r.engineId, manager, { user: 'sam', image: IMAGES.silent, mappingId: 'quiet' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isCoreError(error, 'TIMEOUT')).toBe(true);
    if (!isCoreError(error)) return;
    expect(error.message).toMatch(
      /^The application in container \S+ did not become ready: it did not answer at \/user\/sam\/containers\/[0-9a-f]{32}\/ within 3 s, so the container was removed$/,
    );
    expect(error.details).toMatchObject({ removed: true, timeoutMs: 3000 });
    // Gone from Docker, not only from view.
    const left = await r.docker.listContainers({
      all: true,
      filters: { label: [`${RUNINFO.realm}=${r.realm}`, `${RUNINFO.user}=sam`] },
    });
    expect(left).toEqual([]);
    const id = error.details.id as string;
    expect(changes.filter((c) => c.id === id).map((c) => c.readiness)).toEqual(['starting', null]);
    expect(readiness.readiness(r.engineId, id)).toBeNull();
  });
});

describe('the probe', () => {
  it('waits through refusals and non-2xx answers, and follows redirects on the same port to a 2xx', async () => {
    let calls = 0;
    const server = createServer((req, res) => {
      calls++;
      if (calls < 3) res.writeHead(503).end();
      else if (req.url === '/app') res.writeHead(301, { location: '/app/' }).end();
      else res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await waitForHttp2xx(`http://127.0.0.1:${port}/app`, { timeoutMs: 5000 });
      expect(calls).toBe(4);
    } finally {
      server.close();
    }
  });

  it('gives up with TIMEOUT naming the URL and the last answer', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/x/`;
      // Long enough that a loaded machine still gets an answer before the end.
      await expect(waitForHttp2xx(url, { timeoutMs: 3000 })).rejects.toMatchObject({
        code: 'TIMEOUT',
        message: `${url} did not answer with 2xx within 3 s (last: HTTP 404)`,
      });
    } finally {
      server.close();
    }
  });
});

describe('a redirect to another address', () => {
  // The app answers its urlpath with a redirect to another listener of this machine.
  let elsewhere: Server;
  let app: Server;
  const reachedElsewhere: string[] = [];
  let appPort: number;
  const urlpath = '/user/eve/containers/redirecting';

  beforeAll(async () => {
    elsewhere = createServer((req, res) => {
      reachedElsewhere.push(req.url!);
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/private`;
    app = createServer((_req, res) => res.writeHead(302, { location: target }).end());
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appPort = (app.address() as AddressInfo).port;
  });

  afterAll(() => {
    elsewhere?.close();
    app?.close();
  });

  it('is not followed: the probe times out saying so and the other address hears nothing', async () => {
    const url = `http://127.0.0.1:${appPort}${urlpath}/`;
    await expect(waitForHttp2xx(url, { timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: `${url} did not answer with 2xx within 1 s (last: HTTP 302 (redirect not followed))`,
    });
    expect(reachedElsewhere).toEqual([]);
  });

  it('never makes the app ready', async () => {
    const service = new ReadinessService({ timeoutMs: 1000 });
    const seen: ReadinessChange[] = [];
    service.onChange((change) => seen.push(change));
    const container = realmContainer('redirecting', { user: 'eve', urlpath, port: appPort });
    service.watch('local', container);
    await new Promise<void>((resolve) =>
      service.onChange((change) => change.readiness !== 'starting' && resolve()),
    );
    expect(seen.map((c) => c.readiness)).toEqual(['starting', 'unresponsive']);
    expect(reachedElsewhere).toEqual([]);
    service.close();
  });
});
