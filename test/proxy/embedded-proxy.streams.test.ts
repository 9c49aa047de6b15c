import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { EmbeddedProxy } from '../../src-core/proxy/embedded-proxy';

const proxy = new EmbeddedProxy({ host: '127.0.0.1', port: 0 });
let origin: string;
let wsServer: WebSocketServer;
let streamServer: Server;
/** Lets the streaming app write its second chunk; set by each request. */
let releaseSecond: () => void = () => undefined;

const portOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;

beforeAll(async () => {
  origin = await proxy.listen();
  // A noVNC-like app: a WebSocket server that echoes, and says which path it was opened at.
  wsServer = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wsServer.once('listening', resolve));
  wsServer.on('connection', (socket, req) => {
    socket.send(`opened ${req.url}`);
    socket.on('message', (data, binary) => socket.send(data, { binary }));
  });
  // An app that sends its first chunk and holds the second until the client has the first.
  streamServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first;');
    releaseSecond = () => res.end('second');
  });
  await new Promise<void>((resolve) => streamServer.listen(0, '127.0.0.1', resolve));
  await proxy.add(
    {
      prefix: '/user/ann/containers/vnc',
      target: `http://127.0.0.1:${portOf(wsServer)}`,
      engineId: 'e',
      containerId: 'ws',
    },
    'realm',
  );
  await proxy.add(
    {
      prefix: '/user/ann/containers/stream',
      target: `http://127.0.0.1:${portOf(streamServer)}`,
      engineId: 'e',
      containerId: 'st',
    },
    'realm',
  );
});

afterAll(async () => {
  await proxy.close();
  wsServer?.close();
  streamServer?.close();
});

function openSocket(path: string) {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}${path}`);
  const messages: string[] = [];
  const waiting: Array<() => void> = [];
  socket.on('message', (data) => {
    messages.push(data.toString());
    waiting.shift()?.();
  });
  return {
    socket,
    opened: new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    }),
    async next(): Promise<string> {
      if (messages.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
      return messages.shift()!;
    },
  };
}

describe('WebSocket through the embedded proxy', () => {
  it('opens at the routed path and echoes text and binary frames', async () => {
    const ws = openSocket('/user/ann/containers/vnc/websockify');
    await ws.opened;
    expect(await ws.next()).toBe('opened /user/ann/containers/vnc/websockify');
    ws.socket.send('hello through the proxy');
    expect(await ws.next()).toBe('hello through the proxy');
    const big = 'x'.repeat(256 * 1024);
    ws.socket.send(big);
    expect(await ws.next()).toBe(big);
    ws.socket.close();
  });

  it('refuses an upgrade at an unknown or escaping path with its status', async () => {
    for (const [path, status] of [
      ['/user/bob/containers/vnc/websockify', 404],
      ['/user/ann/containers/vnc%2F..%2F..%2Fbob/containers/vnc/', 400],
    ] as const) {
      const socket = new WebSocket(`${origin.replace('http', 'ws')}${path}`);
      const refusedWith = await new Promise<number>((resolve, reject) => {
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.once('open', () => reject(new Error(`${path} was opened`)));
        socket.once('error', () => undefined);
      });
      expect(refusedWith).toBe(status);
    }
  });
});

describe('streaming', () => {
  it('passes each chunk on as it comes, without waiting for the end of the response', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      get(`${origin}/user/ann/containers/stream/events`, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          // Only a proxy that streams lets the client see this before the app ends.
          if (text === 'first;') releaseSecond();
        });
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(body).toBe('first;second');
  });

  it('streams a large request body to the app and its answer back', async () => {
    const echo = createServer((req, res) => {
      let size = 0;
      req.on('data', (c: Buffer) => (size += c.length));
      req.on('end', () => res.end(String(size)));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      await proxy.add(
        {
          prefix: '/user/ann/containers/upload',
          target: `http://127.0.0.1:${portOf(echo)}`,
          engineId: 'e',
          containerId: 'up',
        },
        'realm',
      );
      const payload = Buffer.alloc(8 * 1024 * 1024, 7);
      const response = await fetch(`${origin}/user/ann/containers/upload/`, {
        method: 'POST',
        body: payload,
      });
      expect(await response.text()).toBe(String(payload.length));
    } finally {
      echo.close();
    }
  });
});
