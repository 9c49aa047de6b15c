import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src-core/api/errors';

const GUIDE = join(import.meta.dirname, '../../docs/operator-guide.md');
const BIN = join(import.meta.dirname, '../../src-core/cli/bin.mjs');
const guide = readFileSync(GUIDE, 'utf8');

/** The text under a `## title` heading, up to the next one. */
function section(title: string): string {
  const start = guide.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`the guide has no "## ${title}" section`);
  const end = guide.indexOf('\n## ', start + 1);
  return guide.slice(start, end < 0 ? undefined : end);
}

/** Each command's name and the options its synopsis shows, from `remoteapp-admin <name> ...` lines. */
type Synopses = Map<string, string[]>;

const DESCRIPTION_INDENT = 20;

const flags = (text: string) => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].sort();

/** The synopses of `--help`'s "Commands:" block: a command line, then its indented continuations. */
function helpSynopses(usage: string): Synopses {
  const block = usage.split('Commands:\n')[1]!.split('\n\n')[0]!;
  const synopses: Synopses = new Map();
  let current = '';
  for (const line of block.split('\n')) {
    const text = line.trimStart();
    // A line indented this far holds only a description.
    if (line.length - text.length > DESCRIPTION_INDENT) continue;
    const command = /^ {2}([a-z]+)\b/.exec(line);
    if (command) current = command[1]!;
    // The description follows the synopsis after two spaces or more.
    const synopsis = text.split(/ {2,}/)[0]!;
    synopses.set(current, flags([...(synopses.get(current) ?? []), synopsis].join(' ')));
  }
  return synopses;
}

/** The synopses the guide's command-line section shows in its code block. */
function guideSynopses(): Synopses {
  const code = /```sh\n([\s\S]*?)```/.exec(section('Command line'))![1]!;
  const synopses: Synopses = new Map();
  for (const line of code.split('\n')) {
    const command = /^remoteapp-admin ([a-z]+)\b(.*)$/.exec(line);
    if (command) synopses.set(command[1]!, flags(command[2]!));
  }
  return synopses;
}

/** What the real command prints for `--help`, as a process of its own. */
function runHelp(): Promise<{ code: number; stdout: string }> {
  // A configuration folder of its own, so that nothing of the operator's is read.
  const env = { ...process.env, REMOTEAPP_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'guide-')) };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, '--help'], { env }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

/** GitHub's anchor for a heading. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

describe('the operator guide', () => {
  let usage = '';

  beforeAll(async () => {
    const help = await runHelp();
    expect(help.code).toBe(0);
    usage = help.stdout;
  });

  it("lists in its error-code table exactly the contract's error codes, once each", () => {
    const rows = section('Error codes')
      .split('\n')
      .map((line) => /^\| `([A-Z_]+)` +\|/.exec(line)?.[1])
      .filter((code): code is string => code !== undefined);
    expect(rows.length).toBe(new Set(rows).size);
    expect([...rows].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('shows the commands that `remoteapp-admin --help` prints, each with the same options', () => {
    const fromHelp = helpSynopses(usage);
    expect(fromHelp.size).toBeGreaterThan(0);
    expect(Object.fromEntries(guideSynopses())).toEqual(Object.fromEntries(fromHelp));
  });

  it('names the options every command takes, as `--help` prints them', () => {
    const common = flags(usage.split('Every command takes:\n')[1]!.split('\n\n')[0]!);
    expect(common.length).toBeGreaterThan(0);
    const shown = flags(section('Command line'));
    for (const flag of common) expect(shown).toContain(flag);
  });

  it('links only to files that exist and to headings it has', () => {
    const headings = new Set(
      [...guide.matchAll(/^#{2,4} (.+)$/gm)].map((match) => anchor(match[1]!)),
    );
    const links = [...guide.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links.filter((l) => !/^[a-z]+:/.test(l))) {
      if (link.startsWith('#')) expect(headings, link).toContain(link.slice(1));
      else expect(existsSync(join(dirname(GUIDE), link)), link).toBe(true);
    }
  });
});
