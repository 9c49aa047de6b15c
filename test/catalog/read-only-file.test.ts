import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ORM_DB, scratch } from './catalog-files';

const files = scratch();
afterAll(() => files.remove());
const OPENER = join(import.meta.dirname, 'open-process.ts');
const NOBODY = 65534;

describe('a database file this process may not write', () => {
  it('opens read-only: grants listed, changes refused, the file untouched', () => {
    const dir = join(files.dir, 'deployment');
    mkdirSync(dir);
    const path = join(dir, 'remoteappmanager.db');
    copyFileSync(ORM_DB, path);
    chmodSync(files.dir, 0o755);
    chmodSync(dir, 0o555);
    chmodSync(path, 0o444);
    const before = readFileSync(path);

    const out = execFileSync(process.execPath, ['--import', 'tsx', OPENER, path], {
      // Root may write anything: as root (as the tests run here), open it as nobody.
      ...(process.getuid?.() === 0 && { uid: NOBODY, gid: NOBODY }),
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, HOME: '/tmp' },
    });
    const result = JSON.parse(out.toString());

    expect(result.readOnly).toBe(true);
    expect(result.grants).toHaveLength(5);
    expect(result.change).toMatch(/remoteappmanager\.db is a read-only catalog: it cannot change/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['remoteappmanager.db']);
    chmodSync(dir, 0o755);
  });
});
