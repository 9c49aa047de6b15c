import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  hostKeyProblem,
  keyFingerprint,
  type HostKeyPolicy,
} from '../../src-core/docker/ssh-host-key';

const dir = mkdtempSync(join(tmpdir(), 'remoteapp-hostkeys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real host key made by ssh-keygen: its known_hosts text and the raw blob a server presents. */
function hostKey(name: string) {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  const pub = readFileSync(`${file}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
  return { pub, blob: Buffer.from(pub.split(' ')[1]!, 'base64'), file };
}

/** Why a key is refused, in the words an operator reads; null when accepted. */
const refusal = (policy: HostKeyPolicy, key: Buffer) =>
  hostKeyProblem(policy, key)?.message ?? null;

const ours = hostKey('ours');
const theirs = hostKey('theirs');

function knownHosts(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('host key checks', () => {
  it('prints the fingerprint as ssh-keygen does', () => {
    const printed = execFileSync('ssh-keygen', ['-l', '-f', `${ours.file}.pub`], {
      encoding: 'utf8',
    });
    expect(printed.split(' ')[1]).toBe(keyFingerprint(ours.blob));
  });

  it('accepts a key listed for the host, plain, by wildcard and with a port', () => {
    const file = knownHosts(
      'plain',
      `# comment\ngw.example,10.0.0.1 ${theirs.pub}\n*.lab.example ${ours.pub}\n[127.0.0.1]:2222 ${ours.pub}\n`,
    );
    expect(
      refusal({ host: 'node7.lab.example', port: 22, knownHostsFile: file }, ours.blob),
    ).toBeNull();
    expect(refusal({ host: '127.0.0.1', port: 2222, knownHostsFile: file }, ours.blob)).toBeNull();
    // Port 22 is not port 2222.
    expect(refusal({ host: '127.0.0.1', port: 22, knownHostsFile: file }, ours.blob)).toMatch(
      /is not in/,
    );
  });

  it('accepts a key listed under a hashed host name (ssh-keygen -H)', () => {
    const file = knownHosts('hashed', `[127.0.0.1]:2222 ${ours.pub}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/);
    expect(refusal({ host: '127.0.0.1', port: 2222, knownHostsFile: file }, ours.blob)).toBeNull();
  });

  it('refuses an unknown host, a changed key, a revoked key and a negated pattern', () => {
    const file = knownHosts(
      'strict',
      `gw.other ${theirs.pub}\n@revoked old.example ${ours.pub}\nold.example ${ours.pub}\n*.example,!secret.example ${ours.pub}\n`,
    );
    expect(refusal({ host: 'new.host', port: 22, knownHostsFile: file }, ours.blob)).toMatch(
      /host new\.host .* is not in/,
    );
    expect(refusal({ host: 'gw.other', port: 22, knownHostsFile: file }, ours.blob)).toMatch(
      /differs from the one in/,
    );
    // Both keys are named: the one presented and the one known.
    expect(
      hostKeyProblem({ host: 'gw.other', port: 22, knownHostsFile: file }, ours.blob)!.need,
    ).toMatchObject({
      kind: 'changedHostKey',
      fingerprint: keyFingerprint(ours.blob),
      knownFingerprints: [keyFingerprint(theirs.blob)],
    });
    expect(refusal({ host: 'old.example', port: 22, knownHostsFile: file }, ours.blob)).toMatch(
      /is revoked/,
    );
    expect(refusal({ host: 'secret.example', port: 22, knownHostsFile: file }, ours.blob)).toMatch(
      /is not in/,
    );
    expect(
      refusal({ host: 'x', port: 22, knownHostsFile: join(dir, 'missing') }, ours.blob),
    ).toMatch(/is not in/);
  });

  it('checks a pinned fingerprint instead of known_hosts', () => {
    const pinned = {
      host: 'h',
      port: 22,
      knownHostsFile: '/nonexistent',
      fingerprint: keyFingerprint(ours.blob),
    };
    expect(refusal(pinned, ours.blob)).toBeNull();
    expect(refusal(pinned, theirs.blob)).toMatch(/does not match the pinned fingerprint/);
  });
});
