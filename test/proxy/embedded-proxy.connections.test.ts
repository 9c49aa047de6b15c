import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedProxy } from '../../src-core/proxy/embedded-proxy';

const proxy = new EmbeddedProxy({ host: '127.0.0.1', port: 0 });
let origin: string;
// Like busybox httpd: every answer closes its connection. One says so with a header it
// names as per hop; one marks its body's end only by closing (no length, not chunked).
let app: Server;
let appConnections = 0;

beforeAll(async () => {
  app = createServer((req, res) => {
    res.shouldKeepAlive = false;
    if (req.url!.endsWith('/until-close')) {
      res.useChunkedEncodingByDefault = false;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('body ended by the close');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/plain',
      connection: 'close, x-hop-secret',
      'x-hop-secret': 'for the proxy only',
      'content-length': '2',
    });
    res.end('ok');
  });
  app.on('connection', () => appConnections++);
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  origin = await proxy.listen();
  await proxy.add(
    {
      prefix: '/user/ann/containers/closing',
      target: `http://127.0.0.1:${(app.address() as AddressInfo).port}`,
      engineId: 'e',
      containerId: 'c',
    },
    'realm',
  );
});

afterAll(async () => {
  await proxy.close();
  app?.close();
});

/** Sends the requests one after another on one connection and returns the raw replies. */
async function onOneConnection(paths: string[]): Promise<string[]> {
  const socket = connect(Number(new URL(origin).port), '127.0.0.1');
  let text = '';
  let closed = false;
  socket.on('data', (chunk) => (text += chunk));
  socket.on('close', () => (closed = true));
  const replies: string[] = [];
  for (const path of paths) {
    expect(closed, `the proxy closed the connection before ${path}`).toBe(false);
    text = '';
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    // A reply is complete at its length, or at the chunked body's last chunk.
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        const end = text.indexOf('\r\n\r\n');
        if (end < 0) return;
        const body = text.slice(end + 4);
        const length = /content-length: (\d+)/i.exec(text.slice(0, end))?.[1];
        if ((length && body.length >= Number(length)) || body.endsWith('0\r\n\r\n')) {
          socket.off('data', done);
          resolve();
        }
      };
      socket.on('data', done);
      socket.once('close', () => reject(new Error(`closed before the reply to ${path}`)));
    });
    replies.push(text);
  }
  socket.destroy();
  return replies;
}

describe('connections through the embedded proxy', () => {
  it("keeps the browser's connection open when the app closes its own after each answer", async () => {
    const before = appConnections;
    const replies = await onOneConnection([
      '/user/ann/containers/closing/a',
      '/user/ann/containers/closing/b',
      '/user/ann/containers/closing/c',
    ]);
    expect(replies).toHaveLength(3);
    for (const reply of replies) {
      expect(reply).toMatch(/^HTTP\/1\.1 200/);
      expect(reply).toMatch(/\r\n\r\nok$/);
      expect(reply).not.toMatch(/connection: close/i);
      // A header the app named as per hop stays on its hop.
      expect(reply).not.toMatch(/x-hop-secret/i);
    }
    // The app still saw a connection per request: only the browser's side is kept.
    expect(appConnections - before).toBe(3);
  });

  it('passes on a whole body that the app ends by closing, and keeps the connection', async () => {
    const [first, second] = await onOneConnection([
      '/user/ann/containers/closing/until-close',
      '/user/ann/containers/closing/a',
    ]);
    expect(first).toMatch(/transfer-encoding: chunked/i);
    expect(first).toContain('body ended by the close');
    expect(second).toMatch(/\r\n\r\nok$/);
  });
});
