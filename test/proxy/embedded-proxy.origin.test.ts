import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { EmbeddedProxy } from '../../src-core/proxy/embedded-proxy';
import { until } from '../support/until';

const FRONT = 'https://apps.example.org';
const proxy = new EmbeddedProxy({ host: '127.0.0.1', port: 0, allowedOrigins: [FRONT] });
let origin: string;
// A noVNC-like app that records every connection and every handshake that reaches it.
let app: Server;
let connections = 0;
const handshakes: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  const sockets = new WebSocketServer({ noServer: true });
  app = createServer();
  app.on('connection', () => connections++);
  app.on('upgrade', (req, socket, head) => {
    handshakes.push(req.headers);
    sockets.handleUpgrade(req, socket, head, (ws) => ws.send('hello from the app'));
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  origin = await proxy.listen();
  await proxy.add(
    {
      prefix: '/user/ann/containers/vnc',
      target: `http://127.0.0.1:${(app.address() as AddressInfo).port}`,
      engineId: 'e',
      containerId: 'v',
    },
    'realm',
  );
});

afterAll(async () => {
  await proxy.close();
  app?.close();
});

/** Opens a socket to the app through the proxy: its first message, or the status it was refused with. */
function open(headers: Record<string, string>): Promise<{ message?: string; refused?: number }> {
  const url = `${origin.replace('http', 'ws')}/user/ann/containers/vnc/websockify`;
  const socket = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => {
      resolve({ message: data.toString() });
      socket.close();
    });
    socket.once('unexpected-response', (_req, res) => resolve({ refused: res.statusCode }));
    socket.once('error', reject);
  });
}

describe('who may open a WebSocket to an app', () => {
  it("refuses a page of another site, another local server's page or an opaque origin with 403, and the app never hears of it", async () => {
    const before = connections;
    const otherLocalPage = `http://127.0.0.1:${Number(new URL(origin).port) + 1}`;
    for (const foreign of ['https://evil.example', otherLocalPage, 'null', `${FRONT}.evil.example`])
      expect(await open({ origin: foreign }), foreign).toEqual({ refused: 403 });
    expect(connections).toBe(before);
  });

  it("opens from the proxy's own pages, from an allowed origin and from a client that sends none", async () => {
    const ways: Array<Record<string, string>> = [{ origin }, { origin: FRONT }, {}];
    for (const headers of ways)
      expect(await open(headers)).toEqual({ message: 'hello from the app' });
  });

  it('follows a change of the allowed origins at once', async () => {
    proxy.allowedOrigins = [];
    try {
      expect(await open({ origin: FRONT })).toEqual({ refused: 403 });
      expect(await open({ origin })).toEqual({ message: 'hello from the app' });
    } finally {
      proxy.allowedOrigins = [FRONT];
    }
  });

  it("passes on the handshake without the client's per-hop headers or forwarding claims", async () => {
    // Raw, for a WebSocket client writes its own Connection header.
    const socket = connect(Number(new URL(origin).port), '127.0.0.1');
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk));
    socket.write(
      [
        'GET /user/ann/containers/vnc/websockify HTTP/1.1',
        `Host: ${new URL(origin).host}`,
        `Origin: ${origin}`,
        'Upgrade: websocket',
        'Connection: Upgrade, X-Hop',
        'X-Hop: for the proxy only',
        'Forwarded: for=203.0.113.9',
        'X-Forwarded-For: 203.0.113.9',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
      ].join('\r\n') + '\r\n\r\n',
    );
    await until('the app to greet', () => reply.includes('hello from the app') || undefined);
    socket.destroy();
    expect(reply).toMatch(/^HTTP\/1\.1 101/);
    const seen = handshakes.at(-1)!;
    expect(seen).toMatchObject({ upgrade: 'websocket', 'x-forwarded-for': '127.0.0.1' });
    expect(seen.connection).toMatch(/^upgrade$/i);
    expect(seen).not.toHaveProperty('x-hop');
    expect(seen).not.toHaveProperty('forwarded');
  });
});
