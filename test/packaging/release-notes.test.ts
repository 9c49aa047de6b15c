import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { projectDir } from './builder-config';

const script = path.join(projectDir, '.github/scripts/release-notes.mjs');
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the release workflow's notes step in a repository holding these files:
 * package.json, the changelog, and the Electron support table checked on `checked`.
 */
async function releaseNotes(
  tag: string,
  version: string,
  changelog: string,
  checked = '2026-11-02',
) {
  const dir = mkdtempSync(path.join(tmpdir(), 'release-notes-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ version }));
  writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
  mkdirSync(path.join(dir, '.github'));
  writeFileSync(
    path.join(dir, '.github/electron-support.json'),
    JSON.stringify({ checked, supported: [43, 44, 45] }),
  );
  try {
    const { stdout } = await promisify(execFile)('node', [script, tag], { cwd: dir });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const changelog = [
  '# Changelog',
  '',
  '## [1.3.0] - unreleased',
  '',
  '- Next thing.',
  '',
  '## [1.2.0] - 2026-11-20',
  '',
  '### Added',
  '',
  '- Launch from a grant.',
  '',
  '## [1.1.0] - 2026-10-01',
  '',
  '- Older thing.',
  '',
].join('\n');

describe('release notes from CHANGELOG.md', () => {
  it('the changelog has a section for the version being prepared', () => {
    const { version } = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
    const text = readFileSync(path.join(projectDir, 'CHANGELOG.md'), 'utf8');
    expect(text).toContain(`\n## [${version}]`);
  });

  it('prints exactly the tagged version’s section', async () => {
    const result = await releaseNotes('v1.2.0', '1.2.0', changelog);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout.trim()).toBe('### Added\n\n- Launch from a grant.');
  });

  it('refuses a tag that does not match package.json, naming both', async () => {
    const result = await releaseNotes('v1.2.1', '1.2.0', changelog);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('tag v1.2.1 does not match package.json');
    expect(result.stderr).toContain('1.2.0');
  });

  it('refuses a version still marked unreleased, or missing from the changelog', async () => {
    const unreleased = await releaseNotes('v1.3.0', '1.3.0', changelog);
    expect(unreleased.code).toBe(1);
    expect(unreleased.stderr).toContain('must end with the release date');
    const missing = await releaseNotes('v2.0.0', '2.0.0', changelog);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no "## [2.0.0]" section');
  });

  it('refuses an Electron support table checked more than 8 weeks before the release date', async () => {
    // 1.2.0 is dated 2026-11-20: 56 days before is 2026-09-25.
    expect(await releaseNotes('v1.2.0', '1.2.0', changelog, '2026-09-25')).toMatchObject({
      code: 0,
    });
    const stale = await releaseNotes('v1.2.0', '1.2.0', changelog, '2026-09-24');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('electron-support.json was checked on 2026-09-24');
    expect(stale.stdout).toBe('');
  });
});
