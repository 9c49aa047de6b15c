import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCliProcess } from '../support/cli-process';
import { IMAGES } from '../support/fixture-images';

// The only engine is a socket nothing listens on: a daemon that is down.
const dir = mkdtempSync(join(tmpdir(), 'remoteapp-cli-down-'));
const socket = join(dir, 'docker.sock');
const cli = (...args: string[]) =>
  runCliProcess({ DOCKER_HOST: `unix://${socket}`, REMOTEAPP_CONFIG_DIR: dir }, [
    ...args,
    '--engines-file',
    'none',
    '--realm',
    't-cli-down',
  ]);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('remoteapp-admin with its only engine down says only what it checked', () => {
  it('ls: no "No containers" line, the engine and its address on stderr, exit 1', async () => {
    const run = await cli('ls');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('ENGINE_UNREACHABLE');
    expect(run.stderr).toContain(`unix://${socket}`);
  });

  it('ls --json: the rows of the engines that answered (none), and exit 1', async () => {
    const run = await cli('ls', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.stderr).toContain(`unix://${socket}`);
  });

  it('launch: names each engine it tried and the address', async () => {
    const run = await cli('launch', '--user', 'ann', '--image', IMAGES.webapp);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ENGINE_UNREACHABLE: No engine is connected to launch on: "env"/);
    expect(run.stderr).toContain(`(unix://${socket}) is unreachable`);
  });

  it('ls with one engine up and one down: says which answered, never "No containers in this realm"', async () => {
    const file = join(dir, 'engines.json');
    writeFileSync(
      file,
      JSON.stringify({ engines: [{ kind: 'socket', id: 'down', path: socket }] }),
    );
    const run = await runCliProcess(
      { DOCKER_HOST: inject('dockerHost'), REMOTEAPP_CONFIG_DIR: dir },
      ['ls', '--engines-file', file, '--realm', 't-cli-down'],
    );
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toBe('No containers on env, which answered.');
    expect(run.stderr).toContain(`unix://${socket}`);
  });
});
