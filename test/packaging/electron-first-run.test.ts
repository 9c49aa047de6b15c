// `npm start` on a workstation. Electron 42 and later install no binary
// (npm ci stays offline-safe); their `electron` command fetches it on its
// first run. That command is run here on the tool chain's Node, from a copy
// of the installed package (node_modules stays as it is), against a mirror
// on 127.0.0.1 that serves, as Electron's releases do, a zip and its
// SHASUMS256.txt: the zip holds a stand-in binary, a shell script that
// prints its arguments (the one fake; the real binary cannot be downloaded here).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectDir } from './builder-config';

const run = promisify(execFile);
const { version } = JSON.parse(
  readFileSync(path.join(projectDir, 'node_modules/electron/package.json'), 'utf8'),
) as { version: string };
const { scripts } = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

/** A zip of stored (uncompressed) files, each with its Unix mode. */
function zip(files: Array<{ name: string; mode: number; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, mode, data } of files) {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x21, 12); // 1980-01-01
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made on Unix, so the mode counts
    central.writeUInt16LE(20, 6);
    header.copy(central, 10, 8, 28);
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(header, Buffer.from(name), data);
    centrals.push(central, Buffer.from(name));
    offset += header.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const archive = zip([
  { name: 'electron', mode: 0o755, data: Buffer.from('#!/bin/sh\necho "stand-in electron $*"\n') },
  { name: 'version', mode: 0o644, data: Buffer.from(`v${version}`) },
]);
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
const files: Record<string, Buffer> = {
  [`/v${version}/${zipName}`]: archive,
  [`/v${version}/SHASUMS256.txt`]: Buffer.from(
    `${createHash('sha256').update(archive).digest('hex')} *${zipName}\n`,
  ),
};

let root: string;
let mirror: Server;
let mirrorUrl: string;
const requests: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'electron-first-run-'));
  cpSync(path.join(projectDir, 'node_modules/electron'), path.join(root, 'node_modules/electron'), {
    recursive: true,
  });
  mirror = createServer((request, response) => {
    requests.push(request.url!);
    const body = files[request.url!];
    response.writeHead(body ? 200 : 404).end(body);
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as { port: number }).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => mirror?.close(resolve));
  if (root) rmSync(root, { recursive: true, force: true });
});

/** `electron .` as npm start runs it, with the mirror and a cache of this test's own. */
function electron() {
  return run(process.execPath, [path.join(root, 'node_modules/electron/cli.js'), '.'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      // Nothing from the user's own caches or npm settings.
      HOME: root,
      // The copy's own dependencies (@electron/get...) are the project's.
      NODE_PATH: path.join(projectDir, 'node_modules'),
      ELECTRON_MIRROR: mirrorUrl,
      electron_use_remote_checksums: '1',
      electron_config_cache: path.join(root, 'cache'),
    },
  });
}

describe('npm start on a workstation', () => {
  it('builds, then runs `electron .`, with no install step of its own', () => {
    expect(scripts.start).toBe('npm run build && electron .');
  });

  it(`the first \`electron .\` fetches Electron ${version}'s binary for this platform on this Node, and runs it`, async () => {
    const first = await electron();
    expect(first.stdout).toContain('stand-in electron .');
    expect(requests).toEqual([`/v${version}/${zipName}`, `/v${version}/SHASUMS256.txt`]);
  });

  it('the next one runs the binary already there, fetching nothing', async () => {
    const fetched = requests.length;
    const next = await electron();
    expect(next.stdout.trim()).toBe('stand-in electron .');
    expect(requests.length).toBe(fetched);
  });
});
