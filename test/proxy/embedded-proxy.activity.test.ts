import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type WebSocket as AppSocket } from 'ws';
import { EmbeddedProxy } from '../../src-core/proxy/embedded-proxy';
import { echoServer } from './support/echo-server';

const WEB = '/user/ann/containers/web';
const CHAT = '/user/ann/containers/chat';

const proxy = new EmbeddedProxy({ host: '127.0.0.1', port: 0 });
let origin: string;
let web: Awaited<ReturnType<typeof echoServer>>;
let chat: WebSocketServer;
/** The app's side of the latest WebSocket, and what it received. */
let appSocket: AppSocket;
const received: string[] = [];

/** Resolves once the clock has moved past `ms`, so that a later stamp is a larger one. */
async function after(ms: number): Promise<void> {
  while (Date.now() <= ms) await new Promise((resolve) => setImmediate(resolve));
}

const activityOf = async (prefix: string) => (await proxy.activity()).get(prefix);

beforeAll(async () => {
  origin = await proxy.listen();
  web = await echoServer('web');
  // An app that only listens, and speaks when the test says.
  chat = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => chat.once('listening', resolve));
  chat.on('connection', (socket) => {
    appSocket = socket;
    socket.on('message', (data) => received.push(data.toString()));
  });
  const chatPort = (chat.address() as AddressInfo).port;
  await proxy.add({ prefix: WEB, target: web.target, engineId: 'e', containerId: 'w' }, 'r');
  await proxy.add(
    { prefix: CHAT, target: `http://127.0.0.1:${chatPort}`, engineId: 'e', containerId: 'c' },
    'r',
  );
});

afterAll(async () => {
  await proxy.close();
  await web?.close();
  chat?.close();
});

describe('activity recorded by the embedded proxy', () => {
  it('stamps a route when a request goes through it, and only that route', async () => {
    expect(await proxy.activity()).toEqual(new Map());
    const before = Date.now();
    expect((await fetch(`${origin}${WEB}/`)).status).toBe(200);
    expect(await activityOf(WEB)).toBeGreaterThanOrEqual(before);
    expect(await activityOf(CHAT)).toBeUndefined();
    // A path under no route is nobody's activity.
    expect((await fetch(`${origin}/user/ann/containers/other/`)).status).toBe(404);
    expect([...(await proxy.activity()).keys()]).toEqual([WEB]);
  });

  it('stamps a WebSocket route at the upgrade and at every frame, either way', async () => {
    const client = new WebSocket(`${origin.replace('http', 'ws')}${CHAT}/socket`);
    const fromApp: string[] = [];
    client.on('message', (data) => fromApp.push(data.toString()));
    await new Promise<void>((resolve, reject) => {
      client.once('open', () => resolve());
      client.once('error', reject);
    });
    const opened = (await activityOf(CHAT))!;
    expect(opened).toBeGreaterThan(0);

    await after(opened);
    client.send('from the browser');
    await expect.poll(() => received.at(-1)).toBe('from the browser');
    const sent = (await activityOf(CHAT))!;
    expect(sent).toBeGreaterThan(opened);

    await after(sent);
    appSocket.send('from the app');
    await expect.poll(() => fromApp.at(-1)).toBe('from the app');
    expect(await activityOf(CHAT)).toBeGreaterThan(sent);
    client.close();
  });

  it('records nothing when asked not to (the benchmark measures the difference)', async () => {
    const untracked = new EmbeddedProxy({ host: '127.0.0.1', port: 0 });
    untracked.trackActivity = false;
    const at = await untracked.listen();
    try {
      await untracked.add(
        { prefix: WEB, target: web.target, engineId: 'e', containerId: 'w' },
        'r',
      );
      expect((await fetch(`${at}${WEB}/`)).status).toBe(200);
      expect(await untracked.activity()).toEqual(new Map());
    } finally {
      await untracked.close();
    }
  });
});
