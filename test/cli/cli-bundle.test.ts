import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildCli, CLI_BUNDLE } from '../../esbuild.config';
import { runCliProcess, type CliRun } from '../support/cli-process';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'remoteapp-cli-bundle-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The packages a process loaded from node_modules, as NODE_DEBUG=module reports them. */
function loadedPackages(stderr: string): string[] {
  const paths = [...stderr.matchAll(/^MODULE \d+: load "([^"]+)"/gm)].map((m) => m[1]!);
  const names = paths.map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(p)?.[1]);
  return [...new Set(names.filter((n): n is string => n !== undefined))].sort();
}

// What a short command has no use for, unless the run needs it (an SSH engine, serve mode, the catalog).
const LAZY = [
  'ssh2',
  'better-sqlite3',
  'csv-parse',
  'csv-stringify',
  'http-proxy-3',
  'ws',
  '@grpc/grpc-js',
  '@grpc/proto-loader',
  'protobufjs',
  'tar-fs',
];

describe('the command line bundle', () => {
  it('is built by npm run build, and needs only Node, production dependencies and what dockerode defers', async () => {
    expect(pkg.scripts.build).toContain('npm run build:cli');
    await buildCli(dir);
    const bundle = readFileSync(join(dir, CLI_BUNDLE), 'utf8');
    const required = [
      ...new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!)),
    ];
    const packageOf = (name: string) => name.replace(/^node:/, '').match(/^(@[^/]+\/)?[^/]+/)![0];
    const allowed = new Set([
      ...builtinModules,
      ...Object.keys(pkg.dependencies),
      '@grpc/grpc-js',
      '@grpc/proto-loader',
      'protobufjs',
    ]);
    expect(required.filter((name) => !allowed.has(packageOf(name)))).toEqual([]);
    // The bin runs it as a vm script, which cannot import().
    expect(bundle).not.toMatch(/\bimport\(\s*["']/);
  });

  it('ls loads none of the SSH, SQLite, proxy, server or BuildKit libraries', async () => {
    const run = await runCliProcess(
      { DOCKER_HOST: inject('dockerHost'), REMOTEAPP_CONFIG_DIR: dir, NODE_DEBUG: 'module' },
      ['ls', '--json', '--realm', 'cli-bundle-empty', '--engines-file', 'none'],
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(loadedPackages(run.stderr).filter((name) => LAZY.includes(name))).toEqual([]);
  });

  it('loads ssh2 when an engine is reached over SSH', async () => {
    // Port 1 of loopback: refused once ssh2 dials it.
    const home = join(dir, 'home');
    mkdirSync(home, { recursive: true });
    const run = await runCliProcess(
      { DOCKER_HOST: 'ssh://nobody@127.0.0.1:1', HOME: home, NODE_DEBUG: 'module' },
      ['ls', '--json', '--realm', 'cli-bundle-empty', '--engines-file', 'none'],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ENGINE_UNREACHABLE');
    expect(loadedPackages(run.stderr)).toContain('ssh2');
  });
});

describe('npx remoteapp-admin from a checkout', () => {
  const checkout = join(dir, 'checkout');
  const bin = join(checkout, 'src-core/cli/bin.mjs');
  const help = () =>
    new Promise<CliRun>((resolve) =>
      execFile(process.execPath, [bin, '--help'], (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
  const BUILDING = 'remoteapp-admin: building the command line (npm run build:cli)...\n';

  it('builds the bundle when it is missing or older than a source, and runs it', async () => {
    for (const path of ['src-core', 'esbuild.config.ts', 'package.json'])
      cpSync(join(ROOT, path), join(checkout, path), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'), 'dir');

    const first = await help();
    expect(first.stderr).toBe(BUILDING);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Commands:');
    expect(existsSync(join(checkout, 'dist', CLI_BUNDLE))).toBe(true);

    const again = await help();
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(first.stdout);

    // A pull or an edit leaves a source newer than the bundle.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(checkout, 'src-core/cli/usage.ts'), later, later);
    const rebuilt = await help();
    expect(rebuilt.stderr).toBe(BUILDING);
    expect(rebuilt.code).toBe(0);
  });
});
