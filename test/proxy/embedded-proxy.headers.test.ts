import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedProxy } from '../../src-core/proxy/embedded-proxy';
import { echoServer } from './support/echo-server';
import { rawGet } from './support/raw-http';
import { until } from '../support/until';

// An app that shows the request headers that reached it.
let app: Awaited<ReturnType<typeof echoServer>>;
const proxy = new EmbeddedProxy({ host: '127.0.0.1', port: 0 });
let origin: string;
const path = '/user/ann/containers/echo/';

beforeAll(async () => {
  app = await echoServer('app');
  origin = await proxy.listen();
  await proxy.add(
    { prefix: '/user/ann/containers/echo', target: app.target, engineId: 'e', containerId: 'a' },
    'realm',
  );
});

afterAll(async () => {
  await proxy.close();
  await app?.close();
});

describe('request headers on their way to the app', () => {
  it("drops per-hop headers and the client's forwarding claims, and sets its own X-Forwarded-*", async () => {
    const response = await rawGet(origin, path, {
      // Asks the proxy to drop the X-Forwarded-For it adds, and to pass a header of its own hop.
      connection: 'keep-alive, X-Forwarded-For, X-Hop',
      'x-hop': 'for the proxy only',
      'keep-alive': 'timeout=5',
      te: 'trailers',
      'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
      upgrade: 'h2c',
      forwarded: 'for=203.0.113.9;host=admin.example',
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-host': 'admin.example',
      'x-real-ip': '203.0.113.9',
      'x-original-url': '/admin',
      'x-rewrite-url': '/admin',
      // What the app is owed.
      cookie: 'session=1',
      authorization: 'Bearer app-token',
      'x-app-header': 'kept',
    });
    expect(response.status).toBe(200);
    const { headers } = JSON.parse(response.body) as { headers: Record<string, string> };
    for (const dropped of [
      'x-hop',
      'keep-alive',
      'te',
      'proxy-authorization',
      'upgrade',
      'forwarded',
      'x-real-ip',
      'x-original-url',
      'x-rewrite-url',
    ])
      expect(headers, dropped).not.toHaveProperty(dropped);
    expect(headers.connection).toBe('keep-alive');
    expect(headers).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-host': new URL(origin).host,
      'x-forwarded-proto': 'http',
      cookie: 'session=1',
      authorization: 'Bearer app-token',
      'x-app-header': 'kept',
    });
  });

  it("answers a client's close with close", async () => {
    const response = await rawGet(origin, path, { connection: 'close' });
    expect(response.headers.connection).toBe('close');
  });

  it('keeps the body framed when Connection names Content-Length, so nothing is smuggled to the app', async () => {
    const before = app.seen.length;
    const smuggled = `GET ${path}smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    const socket = connect(Number(new URL(origin).port), '127.0.0.1');
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Content-Length\r\n` +
        `Content-Length: ${smuggled.length}\r\n\r\n${smuggled}`,
    );
    // The app's answer is chunked: it ends at the last chunk.
    await until('the reply', () => (reply.endsWith('0\r\n\r\n') ? reply : undefined));
    // Give a smuggled second request the time to reach the app, were it sent.
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(app.seen.slice(before).map((r) => r.url)).toEqual([path]);
  });
});
