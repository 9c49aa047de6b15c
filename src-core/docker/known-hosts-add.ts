import { createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyType } from './ssh-host-key';

/** A file some of whose hosts are hashed is kept hashed, as ssh does under HashKnownHosts. */
function isHashed(text: string): boolean {
  return /^\|1\|/m.test(text);
}

/** `|1|salt|hmac`: the name hidden as `ssh-keygen -H` hides it. */
function hashedName(name: string): string {
  const salt = randomBytes(20);
  const mac = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${mac}`;
}

/**
 * Appends a host key to known_hosts as ssh adds one on first use: under
 * `name` (`host`, or `[host]:port` off port 22), hashed when the file
 * already is or `hash` says so; the file and its folder made when missing.
 */
export function addKnownHost(file: string, name: string, key: Buffer, hash: boolean): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const host = hash || isHashed(text) ? hashedName(name) : name;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const gap = text === '' || text.endsWith('\n') ? '' : '\n';
  appendFileSync(file, `${gap}${host} ${keyType(key)} ${key.toString('base64')}\n`, {
    mode: 0o600,
  });
}
