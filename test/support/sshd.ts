import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface TestSshd {
  port: number;
  user: string;
  /** The client's private key, authorised on this server. */
  keyFile: string;
  /** A known_hosts file that lists this server's host key for [127.0.0.1]:port and [localhost]:port. */
  knownHosts: string;
  /** `SHA256:...` of the host key. */
  fingerprint: string;
  /** The host key as known_hosts lists it after the host names: `ssh-ed25519 AAAA...`. */
  hostKey: string;
  /** Lets one more client key in (its `.pub` file). */
  authorize(publicKeyFile: string): void;
  /** What the server logged (at LogLevel DEBUG1 when `verbose`). */
  log(): string;
  stop(): Promise<void>;
}

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
}

async function waitForPort(port: number, log: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
        .once('connect', () => (socket.destroy(), resolve(true)))
        .once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sshd did not listen on ${port}; see ${log}`);
}

/**
 * Debian's OpenSSH server on a loopback port, with a host key and a client
 * key of its own; its sessions reach the given dockerd through `docker`
 * (DOCKER_HOST set by the server), as `docker system dial-stdio` needs.
 */
export async function startSshd(
  dir: string,
  dockerHost: string,
  options: { verbose?: boolean } = {},
): Promise<TestSshd> {
  mkdirSync(dir, { recursive: true });
  // The privilege separation directory sshd insists on.
  mkdirSync('/run/sshd', { recursive: true });
  const hostKey = join(dir, 'host_ed25519');
  const clientKey = join(dir, 'client_ed25519');
  keygen(hostKey);
  keygen(clientKey);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`));
  const port = await freePort();
  const user = userInfo().username;
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${user}`,
      `SetEnv DOCKER_HOST=${dockerHost}`,
      ...(options.verbose ? ['LogLevel DEBUG1'] : []),
      '',
    ].join('\n'),
  );
  const hostPub = readFileSync(`${hostKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${port},[localhost]:${port} ${hostPub}\n`);
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${hostKey}.pub`], {
    encoding: 'utf8',
  }).split(' ')[1]!;
  const log = join(dir, 'sshd.log');
  const out = openSync(log, 'a');
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], {
    stdio: ['ignore', out, out],
  });
  await waitForPort(port, log);
  return {
    port,
    user,
    keyFile: clientKey,
    knownHosts,
    fingerprint,
    hostKey: hostPub,
    authorize: (publicKeyFile) =>
      appendFileSync(join(dir, 'authorized_keys'), readFileSync(publicKeyFile)),
    log: () => readFileSync(log, 'utf8'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
