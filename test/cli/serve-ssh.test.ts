import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type ContractClient } from '../../src-core/api/client';
import { websocketTransport } from '../../renderer/transport/websocket-transport';
import { contractFailure } from '../support/contract-calls';
import { freePort } from '../support/free-port';
import { filesHolding } from '../support/ssh-home';
import { startSshEngineHome, type SshEngineHome } from '../support/ssh-engine-home';
import { testRealm } from '../support/test-realm';
import { until } from '../support/until';

/**
 * `remoteapp-admin serve` in a HOME of the test's own: its start-up engine
 * is DOCKER_HOST=ssh://engine, an alias of ~/.ssh/config, and a saved
 * engine uses a passphrase-protected key that the page is asked for.
 */

const BIN = join(import.meta.dirname, '../../src-core/cli/bin.mjs');
const realm = testRealm('serve-ssh');
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-serve-ssh-'));
let home: SshEngineHome;
let child: ChildProcess;
let client: ContractClient;

beforeAll(async () => {
  home = await startSshEngineHome('serve');
  writeFileSync(join(configDir, 'proxy.json'), JSON.stringify({ port: await freePort() }));
  writeFileSync(
    join(configDir, 'engines.json'),
    JSON.stringify({ engines: [{ kind: 'ssh', id: 'locked', name: 'Locked', host: 'locked' }] }),
  );
  const port = await freePort();
  child = spawn(process.execPath, [BIN, 'serve', '--realm', realm.realm, '--port', String(port)], {
    env: {
      ...process.env,
      HOME: home.home,
      SSH_AUTH_SOCK: '',
      DOCKER_HOST: 'ssh://engine',
      REMOTEAPP_CONFIG_DIR: configDir,
    },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const url = new URL(
    await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = /open (http\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    }),
  );
  const token = url.hash.slice('#token='.length);
  const socket = new WebSocket(`ws://${url.host}/api?token=${token}`, { origin: url.origin });
  client = createClient(websocketTransport(socket));
}, 120_000);

afterAll(async () => {
  client?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await home?.close();
  rmSync(configDir, { recursive: true, force: true });
  await realm.cleanup();
});

const engine = async (id: string) =>
  (await client.call('engines.list', {})).engines.find((e) => e.id === id)!;

describe('serve mode over SSH', () => {
  it('connects DOCKER_HOST=ssh://engine through ~/.ssh/config and says how it resolved', async () => {
    const status = await engine('env');
    expect(status).toMatchObject({
      state: 'connected',
      endpoint: `ssh://${home.sshd.user}@127.0.0.1:${home.sshd.port}`,
      ssh: {
        alias: 'engine',
        host: '127.0.0.1',
        port: home.sshd.port,
        user: home.sshd.user,
        identity: join(home.sshDir, 'engine_key'),
        jump: null,
        needs: null,
      },
    });
  });

  it('asks the page for the passphrase of an encrypted key, uses it, and writes it nowhere', async () => {
    const keyFile = join(home.sshDir, 'locked_key');
    const waiting = await until('the saved engine to ask for a passphrase', async () => {
      const status = await engine('locked');
      return status?.ssh?.needs ? status : undefined;
    });
    expect(waiting.ssh!.needs).toEqual({ kind: 'passphrase', keyFile });
    const wrong = await contractFailure(
      client.call('engines.passphrase', { engine: 'locked', keyFile, passphrase: 'not it' }),
    );
    expect(wrong).toMatchObject({ code: 'VALIDATION', details: { field: 'passphrase' } });
    await client.call('engines.passphrase', {
      engine: 'locked',
      keyFile,
      passphrase: home.passphrase,
    });
    const connected = await until('the saved engine to connect', async () => {
      const status = await engine('locked');
      return status.state === 'connected' ? status : undefined;
    });
    expect(connected.ssh).toMatchObject({ identity: keyFile, needs: null });
    expect(filesHolding(home.passphrase, home.home, configDir)).toEqual([]);
  });
});
