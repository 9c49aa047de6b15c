import { request } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from '../../src-core/api/client';
import { CONTENT_SECURITY_POLICY } from '../../src-core/api/csp';
import { isCoreError } from '../../src-core/api/errors';
import { startServe, type ServeHandle } from '../../src-core/serve/serve-server';
import { websocketTransport } from '../../renderer/transport/websocket-transport';
import { pageFolder, serveClient } from '../support/serve-client';
import { startTestCore } from '../support/test-core';

let env: Awaited<ReturnType<typeof startTestCore>>;
let serve: ServeHandle;

beforeAll(async () => {
  env = await startTestCore('guard');
  serve = await startServe({ host: env.core.host, staticDir: pageFolder() });
});

afterAll(async () => {
  await serve?.close();
  await env?.close();
});

/** How an upgrade attempt ends: opened, or the HTTP status it was refused with. */
function attempt(path: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${serve.port}${path}`, { headers });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

function get(
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
  port = serve.port,
  host = '127.0.0.1',
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host, port, path, method, headers }, (res) => {
        let body = '';
        res
          .on('data', (c) => (body += c))
          .on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject).end();
    },
  );
}

const own = () => ({ Origin: `http://127.0.0.1:${serve.port}` });
const api = (token: string) => `/api?token=${encodeURIComponent(token)}`;

describe('serve mode refuses whoever is not the page it served', () => {
  it('binds to loopback by default and prints a URL carrying the token', () => {
    expect(serve.address).toBe('127.0.0.1');
    expect(serve.url).toBe(`http://127.0.0.1:${serve.port}/#token=${serve.token}`);
    expect(serve.token.length).toBeGreaterThanOrEqual(32);
  });

  it('binds where it is told, keeping the Host check on any loopback address', async () => {
    const other = await startServe({
      host: env.core.host,
      staticDir: pageFolder(),
      bind: '127.0.0.2',
    });
    expect(other.address).toBe('127.0.0.2');
    expect(other.url).toBe(`http://127.0.0.2:${other.port}/#token=${other.token}`);
    const origin = `http://127.0.0.2:${other.port}`;
    const opened = await new Promise<string>((resolve) => {
      const socket = new WebSocket(`${other.apiUrl}?token=${other.token}`, { origin });
      socket.once('open', () => {
        socket.close();
        resolve('open');
      });
      socket.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    });
    expect(opened).toBe('open');
    const rebound = await new Promise<string>((resolve) => {
      const socket = new WebSocket(`${other.apiUrl}?token=${other.token}`, {
        headers: {
          Host: `evil.example:${other.port}`,
          Origin: `http://evil.example:${other.port}`,
        },
      });
      socket.once('open', () => resolve('open'));
      socket.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    });
    expect(rebound).toBe('421');
    await other.close();
  });

  it('makes a new token on every run', async () => {
    const other = await startServe({ host: env.core.host, staticDir: pageFolder() });
    expect(other.token).not.toBe(serve.token);
    await other.close();
  });

  it('opens with the token and the page own Origin', async () => {
    expect(await attempt(api(serve.token), own())).toBe('open');
    expect(
      await attempt(api(serve.token), {
        Origin: `http://localhost:${serve.port}`,
        Host: `localhost:${serve.port}`,
      }),
    ).toBe('open');
  });

  it('refuses a WebSocket without the token, or with a wrong one', async () => {
    expect(await attempt('/api', own())).toBe(401);
    expect(await attempt(api(''), own())).toBe(401);
    expect(await attempt(api(serve.token.slice(1)), own())).toBe(401);
    expect(await attempt(api(`${serve.token}x`), own())).toBe(401);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    expect(await attempt(api(serve.token), { Origin: 'http://evil.example' })).toBe(403);
    expect(await attempt(api(serve.token), { Origin: `http://127.0.0.1:${serve.port + 1}` })).toBe(
      403,
    );
    expect(await attempt(api(serve.token), { Origin: 'null' })).toBe(403);
  });

  it('refuses a Host that is not this server (DNS rebinding)', async () => {
    expect(
      await attempt(api(serve.token), {
        Host: `evil.example:${serve.port}`,
        Origin: `http://evil.example:${serve.port}`,
      }),
    ).toBe(421);
  });

  it('refuses other paths for WebSockets', async () => {
    expect(await attempt(`/other?token=${serve.token}`, own())).toBe(403);
  });

  it('closes a socket that sends something other than a contract call', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${serve.port}${api(serve.token)}`, {
      headers: own(),
    });
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('{"kind":"call","name":"engines.list"}');
    expect(await closed).toBe(1008);
  });

  it('answers calls on an accepted socket', async () => {
    const client = serveClient(serve);
    expect((await client.call('engines.list', {})).engines[0]!.state).toBe('connected');
    client.close();
  });
});

describe('serve mode serves the page', () => {
  it('with the CSP and no referrer (the token is in the URL)', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>RemoteApp Admin</title>');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('to its own Host names only: a rebound DNS name gets 421, not the bundle', async () => {
    for (const host of [`127.0.0.1:${serve.port}`, `localhost:${serve.port}`])
      expect((await get('/', 'GET', { Host: host })).status, host).toBe(200);
    for (const host of [
      `evil.example:${serve.port}`,
      'evil.example',
      `127.0.0.1:${serve.port + 1}`,
    ]) {
      const page = await get('/', 'GET', { Host: host });
      expect(page.status, host).toBe(421);
      expect(page.body).not.toContain('RemoteApp Admin');
    }
    expect((await get('/index.html', 'HEAD', { Host: 'evil.example' })).status).toBe(421);
  });

  it('nothing outside its folder, and only GET and HEAD', async () => {
    expect((await get('/../../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get('/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await get('/..%5C..%5Cetc%5Cpasswd')).status).toBe(404);
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/', 'POST')).status).toBe(405);
  });
});

/** Whether this machine lets a socket listen on IPv4-mapped loopback (dual-stack IPv6). */
async function mappedLoopback(): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, '::ffff:127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

const canMap = await mappedLoopback();

describe('serve mode off its default address', () => {
  it('refuses to listen off loopback without a public host name', async () => {
    for (const bind of ['0.0.0.0', '::']) {
      const error = await startServe({ host: env.core.host, staticDir: pageFolder(), bind }).catch(
        (e: unknown) => e,
      );
      expect(isCoreError(error, 'VALIDATION'), bind).toBe(true);
      expect((error as Error).message).toMatch(/--public-host NAME/);
    }
  });

  it('with a public host, takes that name (direct, or behind TLS) and still refuses others', async () => {
    const named = await startServe({
      host: env.core.host,
      staticDir: pageFolder(),
      publicHost: 'admin.example.test',
    });
    try {
      expect(named.url).toBe(`http://admin.example.test:${named.port}/#token=${named.token}`);
      const at = (host: string) => get('/', 'GET', { Host: host }, named.port);
      expect((await at(`admin.example.test:${named.port}`)).status).toBe(200);
      expect((await at('admin.example.test')).status).toBe(200);
      expect((await at(`evil.example:${named.port}`)).status).toBe(421);
      const ws = (headers: Record<string, string>) =>
        new Promise<number | 'open'>((resolve) => {
          const socket = new WebSocket(`ws://127.0.0.1:${named.port}/api?token=${named.token}`, {
            headers,
          });
          socket.once('open', () => {
            socket.close();
            resolve('open');
          });
          socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        });
      expect(await ws({ Host: 'admin.example.test', Origin: 'https://admin.example.test' })).toBe(
        'open',
      );
      expect(await ws({ Host: 'evil.example', Origin: 'https://evil.example' })).toBe(421);
    } finally {
      await named.close();
    }
  });

  it.runIf(canMap)(
    'on IPv4-mapped loopback (::ffff:127.0.0.1), without a public host, reached over IPv4 and IPv6',
    async () => {
      const mapped = await startServe({
        host: env.core.host,
        staticDir: pageFolder(),
        bind: '::ffff:127.0.0.1',
      });
      try {
        expect(mapped.address).toBe('::ffff:127.0.0.1');
        expect((await get('/', 'GET', {}, mapped.port)).status).toBe(200);
        expect((await get('/', 'GET', {}, mapped.port, '::ffff:127.0.0.1')).status).toBe(200);
        expect((await get('/', 'GET', { Host: 'evil.example' }, mapped.port)).status).toBe(421);
        // The printed URL's own form, as a browser writes it, opens the contract.
        const socket = new WebSocket(`${mapped.apiUrl}?token=${mapped.token}`, {
          origin: new URL(mapped.url).origin,
        });
        const client = createClient(websocketTransport(socket));
        expect((await client.call('engines.list', {})).engines[0]!.state).toBe('connected');
        client.close();
      } finally {
        await mapped.close();
      }
    },
  );
});
