import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SshHome {
  /** The HOME folder; ~/.ssh is `sshDir`. */
  home: string;
  sshDir: string;
  knownHosts: string;
  /** Makes an ed25519 key pair in ~/.ssh under `name` (encrypted with `passphrase` when given); its path. */
  key(name: string, passphrase?: string): string;
  /** Writes ~/.ssh/config. */
  config(text: string): void;
  /** Points HOME here, with no ssh-agent, for this test process; the returned function undoes it. */
  enter(): () => void;
  remove(): void;
}

/** A HOME of the test's own, with an ~/.ssh as OpenSSH keeps it (0700). */
export function makeSshHome(label: string): SshHome {
  const home = mkdtempSync(join(tmpdir(), `remoteapp-home-${label}-`));
  const sshDir = join(home, '.ssh');
  mkdirSync(sshDir, { mode: 0o700 });
  return {
    home,
    sshDir,
    knownHosts: join(sshDir, 'known_hosts'),
    key(name, passphrase = '') {
      const file = join(sshDir, name);
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', '', '-f', file]);
      return file;
    },
    config(text) {
      writeFileSync(join(sshDir, 'config'), text, { mode: 0o600 });
    },
    enter() {
      const saved = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };
      process.env.HOME = home;
      delete process.env.SSH_AUTH_SOCK;
      return () => {
        for (const [name, value] of Object.entries(saved))
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
      };
    },
    remove() {
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Every file under `dirs` that holds `text`, as `grep -rl` finds it: where a secret leaked to. */
export function filesHolding(text: string, ...dirs: string[]): string[] {
  try {
    return execFileSync('grep', ['-rlF', '--', text, ...dirs], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch (error) {
    // grep's status 1: no file holds it.
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}
