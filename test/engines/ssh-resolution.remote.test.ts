import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EngineRegistry, type EngineProfile } from '../../src-core/engines/engine-registry';
import { writeDockerContext } from '../support/docker-contexts';
import { watchRegistry } from '../support/registry-watch';
import { filesHolding, makeSshHome, type SshHome } from '../support/ssh-home';
import { startSshd, type TestSshd } from '../support/sshd';
import { testRealm } from '../support/test-realm';

/**
 * SSH engines resolved as ssh resolves them for the docker CLI, against a
 * real sshd on loopback (in front of the test engine) and a second one as a
 * jump host, in a HOME of this file's own, without an ssh-agent.
 */

const t = testRealm('ssh-resolve');
const dir = mkdtempSync(join(tmpdir(), 'remoteapp-ssh-resolve-'));
const PASSPHRASE = `pp-${process.pid}-${Date.now()}-unlocks`;
let home: SshHome;
let leave: () => void;
let target: TestSshd;
let jump: TestSshd;
let registry: EngineRegistry;
let watch: ReturnType<typeof watchRegistry>;
let dockerId: string;

beforeAll(async () => {
  home = makeSshHome('resolve');
  leave = home.enter();
  [target, jump] = await Promise.all([
    startSshd(join(dir, 'target'), inject('dockerHost')),
    startSshd(join(dir, 'jump'), inject('dockerHost'), { verbose: true }),
  ]);
  const engineKey = home.key('engine_key');
  const lockedKey = home.key('locked_key', PASSPHRASE);
  // The default identity, as `ssh-keygen` leaves it.
  copyFileSync(target.keyFile, join(home.sshDir, 'id_ed25519'));
  for (const key of [engineKey, lockedKey]) {
    target.authorize(`${key}.pub`);
    jump.authorize(`${key}.pub`);
  }
  writeFileSync(
    home.knownHosts,
    `[127.0.0.1]:${target.port} ${target.hostKey}\n[127.0.0.1]:${jump.port} ${jump.hostKey}\n`,
  );
  const user = target.user;
  home.config(
    [
      'Host engine',
      '  HostName 127.0.0.1',
      `  Port ${target.port}`,
      `  User ${user}`,
      '  IdentityFile ~/.ssh/engine_key',
      '  IdentitiesOnly yes',
      'Host locked',
      '  HostName 127.0.0.1',
      `  Port ${target.port}`,
      '  IdentityFile ~/.ssh/locked_key',
      'Host keyless',
      '  HostName 127.0.0.1',
      `  Port ${target.port}`,
      '  IdentityFile ~/.ssh/missing_key',
      'Host jumphost',
      '  HostName 127.0.0.1',
      `  Port ${jump.port}`,
      '  IdentityFile %d/.ssh/engine_key',
      'Host behind',
      '  HostName 127.0.0.1',
      `  Port ${target.port}`,
      '  IdentityFile ~/.ssh/engine_key',
      '  ProxyJump jumphost',
      'Host *',
      `  User ${user}`,
      '',
    ].join('\n'),
  );
  registry = new EngineRegistry({
    realm: t.realm,
    timing: { requestTimeoutMs: 8_000, backoffMs: 200, maxBackoffMs: 1_000 },
  });
  watch = watchRegistry(registry);
  dockerId = (await t.docker.info()).ID;
});

afterAll(async () => {
  watch?.stop();
  await registry?.close();
  await Promise.all([target?.stop(), jump?.stop()]);
  leave?.();
  home?.remove();
  rmSync(dir, { recursive: true, force: true });
  await t.cleanup();
});

async function connected(profile: EngineProfile) {
  registry.add(profile);
  const status = await watch.state(profile.id!, 'connected');
  expect(status.dockerId).toBe(dockerId);
  return status;
}

async function refused(profile: EngineProfile) {
  registry.add(profile);
  return watch.until(
    `engine ${profile.id} refused`,
    () => registry.statuses().find((s) => s.id === profile.id && s.lastError),
    20_000,
  );
}

describe('addresses resolved through ~/.ssh/config, the agent and the default keys', () => {
  it('DOCKER_HOST=ssh://engine reaches the HostName, Port, User and IdentityFile of its Host section', async () => {
    const status = await connected({
      kind: 'env',
      id: 'alias',
      env: { DOCKER_HOST: 'ssh://engine' },
    });
    expect(status).toMatchObject({
      endpoint: `ssh://${target.user}@127.0.0.1:${target.port}`,
      // The proxy reaches the containers at the HostName: the alias resolves nowhere else.
      ip: '127.0.0.1',
      ssh: {
        alias: 'engine',
        host: '127.0.0.1',
        port: target.port,
        user: target.user,
        // IdentitiesOnly: the named key alone, not the default one.
        identities: [join(home.sshDir, 'engine_key')],
        identity: join(home.sshDir, 'engine_key'),
        jump: null,
        needs: null,
      },
    });
  });

  it('a Docker context whose endpoint is ssh://engine resolves the same way', async () => {
    const configDir = join(dir, 'docker-config');
    writeDockerContext(configDir, 'via-alias', { Host: 'ssh://engine' });
    const status = await connected({
      kind: 'context',
      id: 'via-context',
      context: 'via-alias',
      configDir,
    });
    expect(status.ssh).toMatchObject({
      alias: 'engine',
      port: target.port,
      identity: join(home.sshDir, 'engine_key'),
    });
  });

  it('with no key named anywhere and no agent, ~/.ssh/id_ed25519 is the one offered', async () => {
    const status = await connected({
      kind: 'ssh',
      id: 'default-key',
      host: '127.0.0.1',
      port: target.port,
    });
    expect(status.ssh).toMatchObject({
      alias: null,
      user: target.user,
      identities: [join(home.sshDir, 'id_ed25519')],
      identity: join(home.sshDir, 'id_ed25519'),
    });
  });

  it('an IdentityFile that is not there: the error says what was looked for', async () => {
    const status = await refused({
      kind: 'env',
      id: 'keyless',
      env: { DOCKER_HOST: 'ssh://keyless' },
    });
    expect(status.state).toBe('unreachable');
    expect(status.lastError).toContain(`no key file ${join(home.sshDir, 'missing_key')}`);
    expect(status.lastError).toContain('no ssh-agent');
    await registry.remove('keyless');
  });

  it('ProxyJump: the engine is reached through the jump host, which says so in its log', async () => {
    const status = await connected({
      kind: 'env',
      id: 'behind',
      env: { DOCKER_HOST: 'ssh://behind' },
    });
    expect(status.ssh).toMatchObject({
      alias: 'behind',
      port: target.port,
      jump: [`${jump.user}@127.0.0.1:${jump.port}`],
      identity: join(home.sshDir, 'engine_key'),
    });
    expect(jump.log()).toMatch(
      new RegExp(`direct_tcpip: .*target 127\\.0\\.0\\.1 port ${target.port}`),
    );
  });
});

describe('an encrypted key', () => {
  it('waits for its passphrase, refuses a wrong one, connects with the right one, and writes it nowhere', async () => {
    const keyFile = join(home.sshDir, 'locked_key');
    const waiting = await refused({
      kind: 'env',
      id: 'locked',
      env: { DOCKER_HOST: 'ssh://locked' },
    });
    expect(waiting.ssh!.needs).toEqual({ kind: 'passphrase', keyFile });
    expect(waiting.lastError).toContain(`the key ${keyFile} is encrypted`);

    await expect(registry.givePassphrase('locked', keyFile, 'not it')).rejects.toThrow(
      /passphrase: does not open the key/,
    );
    // Only the key the engine asked for.
    await expect(registry.givePassphrase('locked', target.keyFile, PASSPHRASE)).rejects.toThrow(
      /does not wait for the passphrase/,
    );
    await registry.givePassphrase('locked', keyFile, PASSPHRASE);
    const status = await watch.state('locked', 'connected', 15_000);
    expect(status.ssh).toMatchObject({ identity: keyFile, needs: null });
    expect(JSON.stringify(watch.statuses)).not.toContain(PASSPHRASE);
    expect(filesHolding(PASSPHRASE, home.home, dir)).toEqual([]);
  });
});

describe('host keys: trust on first use, done right', () => {
  it('an unknown host is refused with its fingerprint; trusting it adds a [host]:port line ssh reads', async () => {
    const profile: EngineProfile = {
      kind: 'ssh',
      id: 'unknown-host',
      host: 'localhost',
      port: target.port,
      keyFile: join(home.sshDir, 'engine_key'),
    };
    const status = await refused(profile);
    expect(status.state).toBe('unreachable');
    expect(status.ssh!.needs).toEqual({
      kind: 'unknownHostKey',
      host: `[localhost]:${target.port}`,
      keyType: 'ssh-ed25519',
      fingerprint: target.fingerprint,
      knownHostsFile: home.knownHosts,
    });
    expect(() => registry.trustHostKey('unknown-host', `SHA256:${'B'.repeat(43)}`)).toThrow(
      /No unknown host key/,
    );
    registry.trustHostKey('unknown-host', target.fingerprint);
    const line = readFileSync(home.knownHosts, 'utf8').trim().split('\n').at(-1);
    expect(line).toBe(`[localhost]:${target.port} ${target.hostKey}`);
    // OpenSSH's own reader finds it there.
    expect(
      execFileSync('ssh-keygen', ['-F', `[localhost]:${target.port}`, '-f', home.knownHosts], {
        encoding: 'utf8',
      }),
    ).toContain(target.hostKey);
    expect((await watch.state('unknown-host', 'connected', 15_000)).ssh!.needs).toBeNull();
  });

  it('a hashed known_hosts gets a hashed line', async () => {
    const hashed = join(dir, 'hashed_known_hosts');
    writeFileSync(hashed, `[127.0.0.1]:${jump.port} ${jump.hostKey}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', hashed], { stdio: 'ignore' });
    await refused({
      kind: 'ssh',
      id: 'hashed',
      host: '127.0.0.1',
      port: target.port,
      keyFile: join(home.sshDir, 'engine_key'),
      knownHostsFile: hashed,
    });
    registry.trustHostKey('hashed', target.fingerprint);
    const text = readFileSync(hashed, 'utf8');
    expect(text).not.toContain('127.0.0.1');
    expect(text.trim().split('\n').at(-1)).toMatch(/^\|1\|[^|]+\|[^ ]+ ssh-ed25519 /);
    expect(
      execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${target.port}`, '-f', hashed], {
        encoding: 'utf8',
      }),
    ).toContain(target.hostKey.split(' ')[1]);
    await watch.state('hashed', 'connected', 15_000);
  });

  it('a changed host key is refused with both fingerprints, and cannot be trusted from here', async () => {
    const other = join(dir, 'other_host_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const otherKey = readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    const otherFingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${other}.pub`], {
      encoding: 'utf8',
    }).split(' ')[1]!;
    const stale = join(dir, 'stale_known_hosts');
    writeFileSync(stale, `[127.0.0.1]:${target.port} ${otherKey}\n`);
    const status = await refused({
      kind: 'ssh',
      id: 'changed',
      host: '127.0.0.1',
      port: target.port,
      keyFile: join(home.sshDir, 'engine_key'),
      knownHostsFile: stale,
    });
    expect(status.ssh!.needs).toMatchObject({
      kind: 'changedHostKey',
      fingerprint: target.fingerprint,
      knownFingerprints: [otherFingerprint],
    });
    expect(status.lastError).toContain(target.fingerprint);
    expect(status.lastError).toContain(otherFingerprint);
    expect(() => registry.trustHostKey('changed', target.fingerprint)).toThrow(
      /cannot be trusted from here/,
    );
    expect(readFileSync(stale, 'utf8')).toBe(`[127.0.0.1]:${target.port} ${otherKey}\n`);
    await registry.remove('changed');
  });
});
