import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/cli-process';
import { writeDockerContext } from '../support/docker-contexts';
import { IMAGES } from '../support/fixture-images';
import { filesHolding } from '../support/ssh-home';
import { startSshEngineHome, type SshEngineHome } from '../support/ssh-engine-home';
import { testRealm } from '../support/test-realm';
import { until } from '../support/until';

/**
 * The `remoteapp-admin` command reaching its engine over SSH as the docker
 * CLI would, from a HOME of the test's own: ~/.ssh/config, encrypted keys
 * asked for on a terminal, unknown and changed host keys explained.
 */

const BIN = join(import.meta.dirname, '../../src-core/cli/bin.mjs');
const realm = testRealm('cli-ssh');
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-cli-ssh-'));
let home: SshEngineHome;

beforeAll(async () => {
  home = await startSshEngineHome('cli');
});

afterAll(async () => {
  await home?.close();
  rmSync(configDir, { recursive: true, force: true });
  await realm.cleanup();
});

/** Its environment: the test HOME, no agent, no DOCKER_HOST but the one given. */
function env(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    HOME: home.home,
    SSH_AUTH_SOCK: '',
    DOCKER_HOST: '',
    DOCKER_CONTEXT: '',
    REMOTEAPP_CONFIG_DIR: configDir,
    ...extra,
  };
}

const cli = (extra: NodeJS.ProcessEnv, ...args: string[]) =>
  runCliProcess(env(extra), ['--realm', realm.realm, '--engines-file', 'none', ...args]);

describe('remoteapp-admin over SSH, resolved as the docker CLI resolves it', () => {
  it('DOCKER_HOST=ssh://engine, an alias of ~/.ssh/config: launches, lists and stops', async () => {
    const at = { DOCKER_HOST: 'ssh://engine' };
    const launched = await cli(at, 'launch', '--user', 'sam', '--image', IMAGES.webapp, '--json');
    expect(launched.stderr).toBe('');
    expect(launched.code).toBe(0);
    const container = JSON.parse(launched.stdout);
    // It is on the test engine, behind the sshd.
    expect((await realm.docker.getContainer(container.id).inspect()).State.Running).toBe(true);
    const listed = await cli(at, 'ls', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).map((c: { id: string }) => c.id)).toEqual([container.id]);
    expect((await cli(at, 'stop', container.id)).code).toBe(0);
  });

  it('a Docker context whose endpoint is ssh://engine', async () => {
    const dockerConfig = join(home.home, '.docker');
    writeDockerContext(dockerConfig, 'over-ssh', { Host: 'ssh://engine' });
    const listed = await cli({ DOCKER_CONTEXT: 'over-ssh' }, 'ls', '--json');
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
  });

  it('an encrypted key without a terminal: exit 1, naming the key and what to do', async () => {
    const run = await cli({ DOCKER_HOST: 'ssh://locked' }, 'ls');
    expect(run.code).toBe(1);
    const key = join(home.sshDir, 'locked_key');
    expect(run.stderr).toContain(
      `the key ${key} is encrypted and there is no terminal to ask its passphrase on`,
    );
    expect(run.stderr).toContain(`ssh-add ${key}`);
  });

  it('an encrypted key on a terminal: asked without echo, again after a wrong one, then used', async () => {
    const key = join(home.sshDir, 'locked_key');
    // `script` gives the command a terminal of its own, as an operator's shell would.
    const command = [process.execPath, BIN, '--realm', realm.realm, '--engines-file', 'none', 'ls'];
    const child = spawn('script', ['-qec', command.map((a) => `'${a}'`).join(' '), '/dev/null'], {
      env: { ...process.env, ...env({ DOCKER_HOST: 'ssh://locked' }) },
    });
    let screen = '';
    child.stdout.on('data', (chunk) => (screen += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const prompts = () => screen.split(`Enter passphrase for key '${key}': `).length - 1;
    // Typed only once asked, as an operator would: the terminal echoes what comes before.
    const shown = (count: number) =>
      until(`prompt ${count}: ${screen}`, () => prompts() >= count || undefined);
    await shown(1);
    child.stdin.write('not the passphrase\r');
    await shown(2);
    expect(screen).toContain(`passphrase: does not open the key ${key}`);
    child.stdin.write(`${home.passphrase}\r`);
    const code = await exited;
    child.stdin.end();
    expect(code, screen).toBe(0);
    expect(screen).toContain('No containers in this realm.');
    // Typed, never shown: the terminal did not echo it.
    expect(screen).not.toContain(home.passphrase);
    expect(screen).not.toContain('not the passphrase');
    expect(filesHolding(home.passphrase, home.home, configDir)).toEqual([]);
  });

  it('an unknown host key: refused, with its fingerprint and the ssh-keyscan line that checks and adds it', async () => {
    const at = { DOCKER_HOST: 'ssh://stranger' };
    const refused = await cli(at, 'ls');
    expect(refused.code).toBe(1);
    const name = `[localhost]:${home.sshd.port}`;
    expect(refused.stderr).toContain(
      `host ${name} is unknown: its ssh-ed25519 key is ${home.sshd.fingerprint}`,
    );
    const scan = `ssh-keyscan -p ${home.sshd.port} -t ed25519 localhost`;
    expect(refused.stderr).toContain(`${scan} | ssh-keygen -lf -`);
    // The check it prints shows the same key, as ssh's own tools see it.
    const checked = execFileSync('sh', ['-c', `${scan} 2>/dev/null | ssh-keygen -lf -`], {
      encoding: 'utf8',
    });
    expect(checked).toContain(home.sshd.fingerprint);
    // Once checked, the line it prints trusts it, and the command works.
    const trust = `${scan} >> ${home.knownHosts}`;
    expect(refused.stderr).toContain(`then trust it: ${trust}`);
    execFileSync('sh', ['-c', `${trust} 2>/dev/null`]);
    const listed = await cli(at, 'ls', '--json');
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
  });

  it('a changed host key: refused with both fingerprints', async () => {
    const refused = await cli({ DOCKER_HOST: 'ssh://stale' }, 'ls');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`the host key of [127.0.0.1]:${home.sshd.port} CHANGED`);
    expect(refused.stderr).toContain(home.sshd.fingerprint);
    expect(refused.stderr).toContain(home.staleFingerprint);
  });
});
