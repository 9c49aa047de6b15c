import { execFile } from 'node:child_process';
import {
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOrThrow } from '../../src-core/api/validation';
import { proxySettings } from '../../src-core/api/proxy';
import { SavedEngines } from '../../src-core/engines/saved-engines';
import { writeProxySettings } from '../../src-core/proxy/proxy-settings-file';
import { writePrivateJson } from '../../src-core/util/config-dir';

const root = mkdtempSync(join(tmpdir(), 'remoteapp-private-json-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** A fresh folder holding `name` with `text` (0644, as an older release or an editor left it). */
function folderWith(name: string, text: string) {
  const dir = join(root, `case-${++n}`);
  const path = join(dir, name);
  writePrivateJson(path, {});
  writeFileSync(path, text, { mode: 0o644 });
  return { dir, path };
}
const modeOf = (path: string) => statSync(path).mode & 0o777;
const WRITER = join(import.meta.dirname, 'write-process.ts');

describe('settings files are the owner’s alone', () => {
  it('writes proxy.json (CHP’s token) and engines.json 0600, in a 0700 folder it makes', () => {
    const dir = join(root, 'fresh', 'remoteapp-admin');
    const proxyPath = join(dir, 'proxy.json');
    const chp = { apiUrl: 'http://127.0.0.1:8001', publicUrl: 'http://127.0.0.1:8000', token: 's' };
    writeProxySettings(proxyPath, parseOrThrow(proxySettings, { backend: 'chp', chp }));
    const enginesPath = join(dir, 'engines.json');
    new SavedEngines(enginesPath).add({ kind: 'socket', id: 'lab', path: '/var/run/docker.sock' });
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(proxyPath)).toBe(0o600);
    expect(modeOf(enginesPath)).toBe(0o600);
    expect(JSON.parse(readFileSync(enginesPath, 'utf8')).engines[0].id).toBe('lab');
  });

  it('replaces a file another release left readable by all with one only the owner reads', () => {
    const { path } = folderWith('proxy.json', '{"port": 8470}\n');
    writePrivateJson(path, { port: 8471 });
    expect(modeOf(path)).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ port: 8471 });
  });
});

describe('a settings file is written whole or not at all', () => {
  it('keeps the old file, and leaves nothing beside it, when the value cannot be written', () => {
    const { dir, path } = folderWith('engines.json', '{"engines": []}\n');
    expect(() => writePrivateJson(path, { engines: [{ id: 'lab', port: 1n }] })).toThrow(/BigInt/);
    expect(readFileSync(path, 'utf8')).toBe('{"engines": []}\n');
    expect(readdirSync(dir)).toEqual(['engines.json']);
  });

  it('keeps the old file, and leaves no half-written file, when the disk refuses midway', async () => {
    const { dir, path } = folderWith('proxy.json', '{"port": 8470}\n');
    // A 512-byte file size limit (ulimit -f 1) stops the 64 KiB write partway, as a full disk would.
    const code = await new Promise<string>((resolve, reject) =>
      execFile(
        '/bin/sh',
        ['-c', 'ulimit -f 1 && exec "$0" --import tsx "$1" "$2"', process.execPath, WRITER, path],
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    expect(code).toBe('EFBIG');
    expect(readFileSync(path, 'utf8')).toBe('{"port": 8470}\n');
    expect(readdirSync(dir)).toEqual(['proxy.json']);
  });

  it('never follows a symlink planted at a predictable temporary name', () => {
    const { dir, path } = folderWith('proxy.json', '{"port": 8470}\n');
    const victim = join(root, `victim-${n}`);
    writeFileSync(victim, 'not yours\n');
    for (const name of ['proxy.json.tmp', '.proxy.json.tmp', 'proxy.json~'])
      symlinkSync(victim, join(dir, name));
    writePrivateJson(path, { chpToken: 'secret' });
    expect(readFileSync(victim, 'utf8')).toBe('not yours\n');
    expect(lstatSync(path).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ chpToken: 'secret' });
    expect(readdirSync(dir).sort()).toEqual(
      ['.proxy.json.tmp', 'proxy.json', 'proxy.json.tmp', 'proxy.json~'].sort(),
    );
  });
});
