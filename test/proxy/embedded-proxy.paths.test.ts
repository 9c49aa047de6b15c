import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedProxy } from '../../src-core/proxy/embedded-proxy';
import { echoServer } from './support/echo-server';
import { rawGet } from './support/raw-http';

// Two apps on loopback, routed as two users' containers whose ids share a prefix.
let ann: Awaited<ReturnType<typeof echoServer>>;
let bob: Awaited<ReturnType<typeof echoServer>>;
const proxy = new EmbeddedProxy({ host: '127.0.0.1', port: 0 });
let origin: string;

beforeAll(async () => {
  ann = await echoServer('ann');
  bob = await echoServer('bob');
  origin = await proxy.listen();
  await proxy.add(
    { prefix: '/user/ann/containers/abc', target: ann.target, engineId: 'e', containerId: 'a' },
    'realm',
  );
  await proxy.add(
    { prefix: '/user/bob/containers/abcd', target: bob.target, engineId: 'e', containerId: 'b' },
    'realm',
  );
});

afterAll(async () => {
  await proxy.close();
  await ann?.close();
  await bob?.close();
});

/** Requests received by the two apps so far. */
const reached = () => ann.seen.length + bob.seen.length;

describe('paths that try to escape their route', () => {
  const refused = [
    ['a dot-dot segment', '/user/ann/containers/abc/../../bob/containers/abcd/'],
    ['an encoded dot-dot', '/user/ann/containers/abc/%2e%2E/%2e%2e/bob/containers/abcd/'],
    ['a single dot segment', '/user/ann/containers/abc/./x'],
    ['an encoded slash', '/user/ann/containers/abc%2F..%2F..%2Fbob%2Fcontainers%2Fabcd/'],
    ['an encoded slash, lower case', '/user/ann/containers/abc/..%2f..%2fbob/containers/abcd'],
    ['a backslash', '/user/ann/containers/abc/..\\..\\bob\\containers\\abcd'],
    ['an encoded backslash', '/user/ann/containers/abc/..%5C..%5Cbob'],
    ['a dot-dot with a path parameter', '/user/ann/containers/abc/..;/..;/bob/containers/abcd'],
    ['an encoded NUL', '/user/ann/containers/abc/%00'],
    ['a malformed escape', '/user/ann/containers/abc/%zz'],
  ];
  for (const [what, path] of refused)
    it(`refuses ${what} with 400 and reaches no app`, async () => {
      const before = reached();
      const response = await rawGet(origin, path!);
      expect(response.status).toBe(400);
      expect(response.body).toContain('Bad path');
      expect(reached()).toBe(before);
    });

  const unknown = [
    ["another user's prefix with the right id", '/user/bob/containers/abc/'],
    ['a longer id that starts with a routed one', '/user/ann/containers/abcde/'],
    ["the other user's id under this user", '/user/ann/containers/abcd/'],
    ['a shorter id than the routed one', '/user/bob/containers/abc/'],
    ['the user prefix alone', '/user/ann/'],
    ['the root', '/'],
  ];
  for (const [what, path] of unknown)
    it(`answers ${what} with the 404 page and reaches no app`, async () => {
      const before = reached();
      const response = await rawGet(origin, path!);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('No application here');
      expect(reached()).toBe(before);
    });

  it('refuses an absolute-form request target aimed at an app directly', async () => {
    const before = reached();
    const reply = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(origin);
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write(`GET ${bob.target}/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (c) => (text += c));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(reached()).toBe(before);
  });

  it('refuses a Host that is not a name of this machine (DNS rebinding)', async () => {
    const before = reached();
    const response = await rawGet(origin, '/user/ann/containers/abc/', { host: 'evil.example' });
    expect(response.status).toBe(421);
    expect(reached()).toBe(before);
  });
});

describe('paths that name their route', () => {
  it('forwards the route, below it and without the end slash, with the path unchanged', async () => {
    for (const path of [
      '/user/ann/containers/abc/',
      '/user/ann/containers/abc',
      '/user/ann/containers/abc/static/app.js?v=1&next=/../../bob',
    ]) {
      const response = await rawGet(origin, path);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ server: 'ann', url: path });
    }
    const response = await rawGet(origin, '/user/bob/containers/abcd/x');
    expect(JSON.parse(response.body)).toMatchObject({
      server: 'bob',
      url: '/user/bob/containers/abcd/x',
    });
  });

  it('matches percent-encoded spellings of the same prefix', async () => {
    const response = await rawGet(origin, '/user/%61nn/containers/abc/');
    expect(JSON.parse(response.body)).toMatchObject({ server: 'ann' });
  });

  it('sets X-Forwarded-* and drops the ones a client made up', async () => {
    const response = await rawGet(origin, '/user/ann/containers/abc/h', {
      'x-forwarded-for': '10.9.9.9',
      'x-forwarded-host': 'spoofed.example',
    });
    const { headers } = JSON.parse(response.body) as { headers: Record<string, string> };
    const { host } = new URL(origin);
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe(host);
    expect(headers['x-forwarded-port']).toBe(new URL(origin).port);
    expect(headers.host).toBe(host);
  });

  it('stops forwarding a route once it is removed', async () => {
    await proxy.add(
      { prefix: '/user/cy/containers/tmp', target: ann.target, engineId: 'e', containerId: 'c' },
      'realm',
    );
    expect((await rawGet(origin, '/user/cy/containers/tmp/')).status).toBe(200);
    await proxy.remove('/user/cy/containers/tmp');
    const before = reached();
    expect((await rawGet(origin, '/user/cy/containers/tmp/')).status).toBe(404);
    expect(reached()).toBe(before);
  });

  it('answers 502 with a page when the routed app is down', async () => {
    const gone = await echoServer('gone');
    await gone.close();
    await proxy.add(
      { prefix: '/user/dee/containers/x', target: gone.target, engineId: 'e', containerId: 'd' },
      'realm',
    );
    const response = await rawGet(origin, '/user/dee/containers/x/');
    expect(response.status).toBe(502);
    expect(response.body).toContain('Application not answering');
  });
});
