import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SshNeedView } from '../api/engine-ssh';

/** How a host key is recognised: a pinned fingerprint, else a known_hosts file. */
export interface HostKeyPolicy {
  host: string;
  port: number;
  fingerprint?: string;
  knownHostsFile: string;
}

/** `SHA256:<base64 without padding>`, as `ssh-keygen -l` prints it. */
export function keyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** known_hosts names a non-default port as `[host]:port`. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The algorithm a key blob names first (`ssh-ed25519`...), as known_hosts writes it. */
export function keyType(key: Buffer): string {
  const length = key.length >= 4 ? key.readUInt32BE(0) : 0;
  return key.subarray(4, 4 + length).toString('latin1');
}

function globMatches(pattern: string, name: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(name);
}

/** One host field of known_hosts: hashed (`|1|salt|hmac`) or comma-separated patterns with `!` negation. */
function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return mac === hash;
  }
  let matched = false;
  for (const pattern of field.split(',')) {
    if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), name)) return false;
    } else if (globMatches(pattern, name)) matched = true;
  }
  return matched;
}

interface KnownKey {
  revoked: boolean;
  key: string;
}

function knownKeys(file: string, name: string): KnownKey[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const keys: KnownKey[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0]!.startsWith('@') ? fields.shift() : undefined;
    // Certificate authorities sign host certificates, which we do not use.
    if (marker === '@cert-authority') continue;
    const [hosts, , key] = fields;
    if (hosts && key && hostFieldMatches(hosts, name))
      keys.push({ revoked: marker === '@revoked', key });
  }
  return keys;
}

/** Why a host key is refused: the need an operator sees, and the words of the error. */
export interface HostKeyProblem {
  message: string;
  /** What the operator may do about it: trust an unknown key; a changed one, nothing here. */
  need: SshNeedView | null;
}

/**
 * Why this host key must be refused, or null when it is the expected one.
 * Never accepts a host that is simply unknown.
 */
export function hostKeyProblem(policy: HostKeyPolicy, key: Buffer): HostKeyProblem | null {
  const presented = keyFingerprint(key);
  if (policy.fingerprint)
    return presented === policy.fingerprint.replace(/=+$/, '')
      ? null
      : {
          message: `host key ${presented} does not match the pinned fingerprint ${policy.fingerprint}`,
          need: null,
        };
  const name = knownHostsName(policy.host, policy.port);
  const known = knownKeys(policy.knownHostsFile, name);
  const base64 = key.toString('base64');
  const same = known.filter((k) => k.key === base64);
  if (same.some((k) => k.revoked))
    return { message: `host key ${presented} of ${name} is revoked`, need: null };
  if (same.length) return null;
  const seen = {
    host: name,
    keyType: keyType(key),
    fingerprint: presented,
    knownHostsFile: policy.knownHostsFile,
  };
  const listed = known.filter((k) => !k.revoked);
  if (!listed.length)
    return {
      message: `host ${name} (key ${presented}) is not in ${policy.knownHostsFile}`,
      need: { kind: 'unknownHostKey', ...seen },
    };
  const knownFingerprints = listed.map((k) => keyFingerprint(Buffer.from(k.key, 'base64')));
  return {
    message: `host key ${presented} of ${name} differs from the one in ${policy.knownHostsFile} (${knownFingerprints.join(', ')}): refused, as ssh refuses a changed key`,
    need: { kind: 'changedHostKey', ...seen, knownFingerprints },
  };
}
