// CI fails when the app is built on an Electron that Electron no longer
// supports (it supports its latest three majors). The supported majors come
// from .github/electron-support.json, which each release brings up to date,
// never from the network. Nor is the table's age judged against today here:
// a test that turns red with the calendar would fail a rebuild of an old tag
// or a branch nobody touched. The release refuses a table checked more than
// 8 weeks before its own date instead (.github/scripts/release-notes.mjs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuilderConfig, projectDir } from './builder-config';

interface SupportTable {
  checked: string;
  supported: number[];
  source: string;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(projectDir, file), 'utf8')) as T;
}

const table = readJson<SupportTable>('.github/electron-support.json');
const range = readJson<{ devDependencies: Record<string, string> }>('package.json').devDependencies
  .electron!;
const installed = readJson<{ version: string }>('node_modules/electron/package.json').version;

/** The one major a version or caret range allows (`45.6.1`, `^45.6.1`); null for a wider range. */
function majorOf(spec: string): number | null {
  const match = /^\^?(\d+)\.\d+\.\d+$/.exec(spec);
  return match ? Number(match[1]) : null;
}

function isSupported(spec: string, supported: readonly number[]): boolean {
  const major = majorOf(spec);
  return major !== null && supported.includes(major);
}

describe('Electron is one of the majors Electron supports', () => {
  it('the support table lists three consecutive majors and the day it was checked', () => {
    const [oldest, ...rest] = table.supported;
    expect(rest).toEqual([oldest! + 1, oldest! + 2]);
    expect(table.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(table.checked).toISOString().slice(0, 10)).toBe(table.checked);
    expect(table.source).toMatch(/^https:\/\//);
  });

  it(`package.json asks for one supported major (${range})`, () => {
    expect(isSupported(range, table.supported), `${range} in ${table.supported}`).toBe(true);
  });

  it(`the installed Electron, as the lock gives it, is that major (${installed})`, () => {
    expect(isSupported(installed, table.supported), `${installed} in ${table.supported}`).toBe(
      true,
    );
    expect(majorOf(installed)).toBe(majorOf(range));
  });

  it('electron-builder packs that Electron: its configuration names no other', async () => {
    const config = await loadBuilderConfig();
    expect(config.electronVersion).toBeUndefined();
    expect(config.electronDist).toBeUndefined();
  });

  it('refuses a major out of the window and a range over several majors', () => {
    expect(isSupported('^41.7.1', table.supported)).toBe(false);
    expect(isSupported(`>=${table.supported[0]}.0.0`, table.supported)).toBe(false);
    expect(isSupported(`${table.supported[2]! + 1}.0.0`, table.supported)).toBe(false);
  });
});
