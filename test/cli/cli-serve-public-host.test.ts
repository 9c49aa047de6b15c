import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCliProcess } from '../support/cli-process';
import { freePort } from '../support/free-port';
import { testRealm } from '../support/test-realm';

const BIN = join(import.meta.dirname, '../../src-core/cli/bin.mjs');
const realm = testRealm('cli-public');
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-serve-public-'));
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await realm.cleanup();
});

/** The status a plain GET of the page gets on loopback under a given Host header. */
function statusFor(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    })
      .on('error', reject)
      .end();
  });
}

describe('remoteapp-admin serve off loopback', () => {
  it('refuses a non-loopback --bind without --public-host: exit 2, with the reason', async () => {
    for (const bind of ['0.0.0.0', '::']) {
      const run = await runCliProcess({ REMOTEAPP_CONFIG_DIR: configDir }, [
        'serve',
        '--bind',
        bind,
      ]);
      expect(run.code, bind).toBe(2);
      expect(run.stderr).toContain(`VALIDATION: --bind: ${bind} is not a loopback address`);
      expect(run.stderr).toMatch(/--public-host NAME.*unencrypted unless TLS fronts it/);
      expect(run.stdout).not.toContain('open http');
    }
  });

  it('refuses a --public-host that is not a bare host name: exit 2', async () => {
    const run = await runCliProcess({ REMOTEAPP_CONFIG_DIR: configDir }, [
      'serve',
      '--public-host',
      'http://admin.example.test/',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--public-host');
  });

  it('with --public-host: warns the token travels unencrypted, prints that name, and takes only it and loopback as Host', async () => {
    writeFileSync(join(configDir, 'proxy.json'), JSON.stringify({ port: await freePort() }));
    const port = await freePort();
    let stderr = '';
    const args = ['serve', '--realm', realm.realm, '--port', String(port)];
    child = spawn(process.execPath, [BIN, ...args, '--public-host', 'admin.example.test'], {
      env: { ...process.env, DOCKER_HOST: inject('dockerHost'), REMOTEAPP_CONFIG_DIR: configDir },
    });
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = /open (http\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    expect(url).toMatch(new RegExp(`^http://admin\\.example\\.test:${port}/#token=[\\w-]{32,}$`));
    expect(stderr).toMatch(/warning: serving admin\.example\.test .*plain HTTP/);
    expect(stderr).toContain('travel unencrypted unless TLS fronts this server');
    expect(await statusFor(port, `admin.example.test:${port}`)).toBe(200);
    expect(await statusFor(port, `127.0.0.1:${port}`)).toBe(200);
    expect(await statusFor(port, `evil.example:${port}`)).toBe(421);
    // Serve mode's own catalog (licence values) is the owner's alone.
    expect(statSync(join(configDir, 'catalog.db')).mode & 0o777).toBe(0o600);
  }, 120_000);
});
