// Prints the release notes for a version tag: the CHANGELOG.md section of the
// version in package.json. Refuses (exit 1, saying why) a tag that is not
// `v<version>`, or a section that is missing, undated or still "unreleased",
// so that a release cannot go out with notes that do not match it; and a
// table of Electron's supported majors (.github/electron-support.json, which
// CI holds the app's Electron to) checked more than 8 weeks before the
// release date: Electron ships a major about every 8 weeks, so an older
// table may still list one that has left the window.
// Usage, in the repository root: node .github/scripts/release-notes.mjs v1.2.3
import { readFileSync } from 'node:fs';

function fail(message) {
  console.error(`release-notes: ${message}`);
  process.exit(1);
}

const tag = process.argv[2];
if (!tag) fail('usage: release-notes.mjs <tag>, e.g. v1.2.3');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
if (tag !== `v${version}`)
  fail(`tag ${tag} does not match package.json's version ${version} (expected v${version})`);

const lines = readFileSync('CHANGELOG.md', 'utf8').split('\n');
const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
if (start < 0) fail(`CHANGELOG.md has no "## [${version}]" section`);
const heading = lines[start];
const released = / - (\d{4}-\d{2}-\d{2})$/.exec(heading)?.[1];
if (!released)
  fail(
    `CHANGELOG.md: "${heading}" must end with the release date (- YYYY-MM-DD), not "unreleased"`,
  );

const MAX_TABLE_AGE_DAYS = 56;
const { checked } = JSON.parse(readFileSync('.github/electron-support.json', 'utf8'));
const age = (Date.parse(released) - Date.parse(checked)) / 86_400_000;
if (!(age <= MAX_TABLE_AGE_DAYS))
  fail(
    `.github/electron-support.json was checked on ${checked}, more than 8 weeks before the release (${released}): check Electron's supported majors again and update its majors and date`,
  );

const next = lines.findIndex((line, i) => i > start && line.startsWith('## '));
const body = lines
  .slice(start + 1, next < 0 ? undefined : next)
  .join('\n')
  .trim();
if (!body) fail(`CHANGELOG.md: the ${version} section is empty`);
console.log(body);
