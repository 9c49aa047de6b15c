import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { makeSshHome, type SshHome } from './ssh-home';
import { startSshd, type TestSshd } from './sshd';

export interface SshEngineHome extends SshHome {
  /** The sshd in front of the test engine. */
  sshd: TestSshd;
  /** Unlocks ~/.ssh/locked_key; unique to this run, so that a search for it finds only leaks. */
  passphrase: string;
  /** `SHA256:` of the key ~/.ssh/stale_hosts lists for the sshd instead of its own. */
  staleFingerprint: string;
  close(): Promise<void>;
}

/**
 * A HOME of the test's own whose ~/.ssh/config reaches a real sshd on
 * loopback, in front of the test engine, as an operator's would:
 * - `engine`: HostName, Port, User and an IdentityFile (IdentitiesOnly);
 * - `locked`: the same with a passphrase-protected key;
 * - `stranger`: a name known_hosts does not list (HostName localhost);
 * - `stale`: its UserKnownHostsFile lists another key for the host.
 * ~/.ssh/known_hosts lists the sshd as [127.0.0.1]:port, in plain form.
 */
export async function startSshEngineHome(label: string): Promise<SshEngineHome> {
  const home = makeSshHome(label);
  const sshd = await startSshd(join(home.home, 'sshd'), inject('dockerHost'));
  const passphrase = `pp-${label}-${process.pid}-${Date.now()}`;
  for (const key of [home.key('engine_key'), home.key('locked_key', passphrase)])
    sshd.authorize(`${key}.pub`);
  writeFileSync(home.knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostKey}\n`);
  const other = home.key('other_host_key');
  const otherKey = readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
  writeFileSync(join(home.sshDir, 'stale_hosts'), `[127.0.0.1]:${sshd.port} ${otherKey}\n`);
  const staleFingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${other}.pub`], {
    encoding: 'utf8',
  }).split(' ')[1]!;
  const host = (name: string, hostName: string, key: string, extra: string[] = []) => [
    `Host ${name}`,
    `  HostName ${hostName}`,
    `  Port ${sshd.port}`,
    `  User ${sshd.user}`,
    `  IdentityFile ~/.ssh/${key}`,
    '  IdentitiesOnly yes',
    ...extra,
  ];
  home.config(
    [
      ...host('engine', '127.0.0.1', 'engine_key'),
      ...host('locked', '127.0.0.1', 'locked_key'),
      ...host('stranger', 'localhost', 'engine_key'),
      ...host('stale', '127.0.0.1', 'engine_key', ['  UserKnownHostsFile ~/.ssh/stale_hosts']),
      '',
    ].join('\n'),
  );
  return {
    ...home,
    sshd,
    passphrase,
    staleFingerprint,
    async close() {
      await sshd.stop();
      home.remove();
    },
  };
}
