import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from '../../src-core/api/client';
import { CONTENT_SECURITY_POLICY } from '../../src-core/api/csp';
import { websocketTransport } from '../../renderer/transport/websocket-transport';
import { freePort } from '../support/free-port';
import { testRealm } from '../support/test-realm';

const BIN = join(import.meta.dirname, '../../src-core/cli/bin.mjs');
const realm = testRealm('cli-serve');
let child: ChildProcess;
let url: URL;
let stderr = '';

beforeAll(async () => {
  // The proxy that serve mode runs gets a free port of its own, through the shared settings file.
  const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-serve-'));
  writeFileSync(join(configDir, 'proxy.json'), JSON.stringify({ port: await freePort() }));
  const port = await freePort();
  child = spawn(process.execPath, [BIN, 'serve', '--realm', realm.realm, '--port', String(port)], {
    env: { ...process.env, DOCKER_HOST: inject('dockerHost'), REMOTEAPP_CONFIG_DIR: configDir },
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /open (http\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  url = new URL(line);
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await realm.cleanup();
});

describe('remoteapp-admin serve', () => {
  it('listens on 127.0.0.1 at the port asked for and prints the URL with a token', () => {
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/');
    expect(url.hash).toMatch(/^#token=[\w-]{32,}$/);
  });

  it('serves the built renderer with its CSP', async () => {
    const page = await fetch(new URL('/', url));
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(new URL(`/${script}`, url));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  it('answers the contract over the WebSocket with the printed token, for its realm', async () => {
    const token = url.hash.slice('#token='.length);
    const socket = new WebSocket(`ws://${url.host}/api?token=${token}`, { origin: url.origin });
    const client = createClient(websocketTransport(socket));
    const { engines } = await client.call('engines.list', {});
    expect(engines[0]!.state).toBe('connected');
    const { container } = await client.call('containers.launch', {
      user: 'served',
      image: 'remoteapp-test/webapp:1',
    });
    expect(container.realm).toBe(realm.realm);
    await client.call('containers.stop', {
      targets: [{ engine: container.engine, id: container.id }],
    });
    client.close();
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
