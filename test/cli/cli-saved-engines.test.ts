import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Request } from '../../src-core/api/contract';
import { RUNINFO } from '../../src-core/realm/labels';
import { runCliProcess } from '../support/cli-process';
import { IMAGES } from '../support/fixture-images';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { testRealm } from '../support/test-realm';

type Profile = Request<'engines.add'>['profile'];

const realm = testRealm('cli-saved');
// The configuration folder of the app: its engines.json is what the Engines view saved.
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-cli-saved-'));
/** Another file, for `--engines-file`: the good engine, one whose certificate is gone, one shadowed. */
const mixedFile = join(configDir, 'mixed.json');
const goneCert = join(configDir, 'gone', 'client-cert.pem');
let second: SecondEngine;
let good: Profile;

const fileOf = (engines: Profile[]) => `${JSON.stringify({ engines }, null, 2)}\n`;

/** The real command against the test engine (`env`), in this file's realm. */
const cli = (...args: string[]) =>
  runCliProcess({ DOCKER_HOST: inject('dockerHost'), REMOTEAPP_CONFIG_DIR: configDir }, [
    ...args,
    '--realm',
    realm.realm,
  ]);

/** The realm's containers on an engine, by the raw API. */
const realmOn = (docker: typeof realm.docker) =>
  docker.listContainers({ all: true, filters: { label: [`${RUNINFO.realm}=${realm.realm}`] } });

beforeAll(async () => {
  second = await startSecondEngine('clisv');
  good = { ...second.tlsProfile('second-tls'), name: 'Second over TLS' };
  const tls = { ...good.tls!, cert: goneCert };
  const certGone: Profile = { ...good, id: 'cert-gone', name: 'Cert gone', tls };
  // The same id as the start-up engine: the app shows it as not loaded too.
  const shadowed: Profile = { kind: 'socket', id: 'env', path: second.socketPath };
  writeFileSync(join(configDir, 'engines.json'), fileOf([good]), { mode: 0o600 });
  writeFileSync(mixedFile, fileOf([certGone, good, shadowed]), { mode: 0o600 });
});

afterAll(async () => {
  await realm.cleanup();
  await second?.close();
});

describe('the short commands load the engines saved by the app', () => {
  it('launch, ls and stop work on a saved engine as on the start-up one', async () => {
    const there = await cli(
      'launch',
      '--engine',
      'second-tls',
      '--user',
      'ann',
      '--image',
      IMAGES.webapp,
      '--json',
    );
    expect(there.stderr).toBe('');
    expect(there.code).toBe(0);
    const onSecond = JSON.parse(there.stdout);
    expect(onSecond.engine).toBe('second-tls');
    // The second daemon has it; the first does not.
    expect((await realmOn(second.docker)).map((c) => c.Id)).toEqual([onSecond.id]);
    const here = await cli(
      'launch',
      '--engine',
      'env',
      '--user',
      'bob',
      '--image',
      IMAGES.webapp,
      '--json',
    );
    expect(here.code).toBe(0);
    const onFirst = JSON.parse(here.stdout);

    const listed = await cli('ls', '--json');
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<{ engine: string; id: string; user: string }>;
    expect(rows.map((r) => [r.engine, r.id, r.user]).sort()).toEqual(
      [
        ['env', onFirst.id, 'bob'],
        ['second-tls', onSecond.id, 'ann'],
      ].sort(),
    );
    const table = await cli('ls');
    expect(table.stdout).toMatch(
      new RegExp(`^second-tls\\s+${onSecond.id.slice(0, 12)}\\s+ann`, 'm'),
    );

    // Without the saved engines: the start-up engine alone, and the saved id is no engine.
    const alone = await cli('ls', '--json', '--engines-file', 'none');
    expect(alone.code).toBe(0);
    expect(JSON.parse(alone.stdout).map((r: { id: string }) => r.id)).toEqual([onFirst.id]);
    const unknown = await cli('ls', '--engine', 'second-tls', '--engines-file', 'none');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^remoteapp-admin: VALIDATION: context: no Docker context "second-tls"/,
    );

    // Short ids, as ls prints them, each stopped on the engine that has it.
    const stopped = await cli('stop', onSecond.id.slice(0, 12), onFirst.id);
    expect(stopped.stderr).toBe('');
    expect(stopped.code).toBe(0);
    expect(await realmOn(second.docker)).toEqual([]);
    expect(await realmOn(realm.docker)).toEqual([]);
  });

  it('a saved engine that cannot be loaded is said on stderr with its code; the others still work', async () => {
    const before = readFileSync(mixedFile, 'utf8');
    const launched = await cli(
      'launch',
      '--engines-file',
      mixedFile,
      '--engine',
      'second-tls',
      '--user',
      'cy',
      '--image',
      IMAGES.webapp,
      '--json',
    );
    expect(launched.code).toBe(0);
    expect(JSON.parse(launched.stdout).engine).toBe('second-tls');
    const lines = launched.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^remoteapp-admin: VALIDATION: saved engine "cert-gone" not loaded: tls\.cert: /,
    );
    expect(lines[0]).toContain(goneCert);
    expect(lines[1]).toMatch(
      /^remoteapp-admin: CONFLICT: saved engine "env" not loaded: .*"env" is already registered/,
    );

    // ls lists what it can reach and exits 1, as for an engine that does not answer.
    const listed = await cli('ls', '--json', '--engines-file', mixedFile);
    expect(listed.code).toBe(1);
    expect(
      JSON.parse(listed.stdout).map((r: { user: string; engine: string }) => [r.engine, r.user]),
    ).toEqual([['second-tls', 'cy']]);
    expect(listed.stderr).toContain('"cert-gone" not loaded');
    // An engine that is loaded, asked for by itself: complete, so exit 0.
    const one = await cli('ls', '--json', '--engines-file', mixedFile, '--engine', 'second-tls');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toHaveLength(1);
    const broken = await cli('ls', '--json', '--engines-file', mixedFile, '--engine', 'cert-gone');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toEqual([]);

    const stopped = await cli('stop', '--engines-file', mixedFile, JSON.parse(launched.stdout).id);
    expect(stopped.code).toBe(0);
    expect(await realmOn(second.docker)).toEqual([]);
    // The command line never writes the file.
    expect(readFileSync(mixedFile, 'utf8')).toBe(before);
  });

  it('a saved engines file that is not JSON: exit 1, VALIDATION naming the file', async () => {
    const notJson = join(configDir, 'not-json.json');
    writeFileSync(notJson, '{ engines: ');
    const run = await cli('ls', '--engines-file', notJson);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^remoteapp-admin: VALIDATION: engines: .*not-json\.json is not JSON/,
    );
    const empty = await cli('ls', '--engines-file', '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^remoteapp-admin: VALIDATION: --engines-file: is empty/);
  });
});
