import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { RUNINFO } from '../../src-core/realm/labels';
import { bindsOf } from '../support/container-binds';
import { runCliProcess } from '../support/cli-process';
import { IMAGES } from '../support/fixture-images';
import { testRealm } from '../support/test-realm';

const realm = testRealm('cli');
const other = testRealm('cli-other');
// A configuration folder of its own: the proxy's default settings (127.0.0.1:8470).
// DOCKER_HOST names the test engine, so the command line's engine is `env`.
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-cli-'));

/** The real `remoteapp-admin` command against the test engine. */
const cli = (...args: string[]) =>
  runCliProcess({ DOCKER_HOST: inject('dockerHost'), REMOTEAPP_CONFIG_DIR: configDir }, args);

afterAll(async () => {
  await realm.cleanup();
  await other.cleanup();
});

describe('remoteapp-admin on real containers', () => {
  it('launches, lists (JSON) and stops containers', async () => {
    const launched = await cli(
      'launch',
      '--realm',
      realm.realm,
      '--user',
      'carol',
      '--image',
      IMAGES.webapp,
      '--mapping-id',
      'm-cli',
      '--env',
      'GREETING=hi there',
      '--volume',
      '/tmp:/data:ro',
      '--json',
    );
    expect(launched.stderr).toBe('');
    expect(launched.code).toBe(0);
    const container = JSON.parse(launched.stdout);
    expect(container).toMatchObject({
      user: 'carol',
      mappingId: 'm-cli',
      state: 'running',
      realm: realm.realm,
    });

    // Docker itself has it, with our labels and the caller's variable.
    const info = await realm.docker.getContainer(container.id).inspect();
    expect(info.Config.Labels[RUNINFO.user]).toBe('carol');
    expect(info.Config.Env).toContain('GREETING=hi there');
    expect(bindsOf(info)).toEqual(['/tmp:/data:ro']);

    const second = await cli(
      'launch',
      '--realm',
      realm.realm,
      '--user',
      'dave',
      '--image',
      IMAGES.webapp,
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(
      /^Started [0-9a-f]{12} \(remoteapp-test\/webapp:1\) for dave on env: http/,
    );

    const listed = await cli('ls', '--realm', realm.realm, '--json');
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.user).sort()).toEqual(['carol', 'dave']);
    const row = rows.find((r) => r.id === container.id)!;
    for (const key of [
      'engine',
      'id',
      'user',
      'mappingId',
      'urlId',
      'urlpath',
      'image',
      'state',
      'port',
      'url',
    ])
      expect(row, key).toHaveProperty(key);
    expect(row).toMatchObject({
      engine: container.engine,
      image: IMAGES.webapp,
      state: 'running',
      urlId: container.urlId,
    });
    expect(row.port).toBe(Number(info.NetworkSettings.Ports['8888/tcp']![0]!.HostPort));
    // The URL is where the proxy (run by the desktop app or serve mode) answers for it.
    expect(row.url).toBe(`http://127.0.0.1:8470${container.urlpath}/`);

    const table = await cli('ls', '--realm', realm.realm);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^ENGINE\s+ID\s+USER\s+MAPPING ID\s+IMAGE\s+STATE\s+URL$/,
    );
    expect(table.stdout).toContain(container.id.slice(0, 12));

    const ids = rows.map((r) => String(r.id));
    const stopped = await cli('stop', '--realm', realm.realm, ...ids);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout.trim().split('\n')).toEqual(ids.map((id) => `Stopped ${id}`));
    expect(
      await realm.docker.listContainers({
        all: true,
        filters: { label: [`${RUNINFO.realm}=${realm.realm}`] },
      }),
    ).toEqual([]);
    expect(JSON.parse((await cli('ls', '--realm', realm.realm, '--json')).stdout)).toEqual([]);
  });
  it('works in $REMOTEAPP_REALM when no --realm is given; --realm wins over it', async () => {
    const { container } = await other
      .manager()
      .startContainer({ user: 'ivy', image: IMAGES.webapp, mappingId: 'env-realm' });
    const env = {
      DOCKER_HOST: inject('dockerHost'),
      REMOTEAPP_CONFIG_DIR: configDir,
      REMOTEAPP_REALM: other.realm,
    };
    const ls = async (...args: string[]) => {
      const run = await runCliProcess(env, ['ls', '--json', ...args]);
      expect(run.stderr).toBe('');
      return (JSON.parse(run.stdout) as Array<{ id: string; realm: string }>).map((r) => [
        r.id,
        r.realm,
      ]);
    };
    expect(await ls()).toContainEqual([container.id, other.realm]);
    const flagged = await ls('--realm', realm.realm);
    expect(flagged.map(([id]) => id)).not.toContain(container.id);
    expect(flagged.every(([, r]) => r === realm.realm)).toBe(true);
    const bad = await runCliProcess({ ...env, REMOTEAPP_REALM: 'not a realm!' }, ['ls']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^remoteapp-admin: VALIDATION: realm: /);
  });
});

describe('remoteapp-admin failures: exit code and the error code in the message', () => {
  it('an image that is not there: exit 1, IMAGE_NOT_FOUND', async () => {
    const run = await cli(
      'launch',
      '--realm',
      realm.realm,
      '--user',
      'erin',
      '--image',
      'remoteapp-test/absent:1',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^remoteapp-admin: IMAGE_NOT_FOUND: image: "remoteapp-test\/absent:1"/,
    );
  });

  it("another realm's container: exit 1, REALM_VIOLATION, and it keeps running", async () => {
    const { container } = await other
      .manager()
      .startContainer({ user: 'frank', image: IMAGES.webapp, mappingId: 'x' });
    const run = await cli('stop', '--realm', realm.realm, container.id);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('REALM_VIOLATION');
    expect((await realm.docker.getContainer(container.id).inspect()).State.Running).toBe(true);
  });

  it('a bad field: exit 1, VALIDATION naming it, nothing created', async () => {
    const run = await cli(
      'launch',
      '--realm',
      realm.realm,
      '--user',
      'gina',
      '--image',
      IMAGES.webapp,
      '--volume',
      'data:/data:rw',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^remoteapp-admin: VALIDATION: volumes\[0\]\.source: must be an absolute path/,
    );
    const bad = await cli('ls', '--realm', 'not a realm!');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^remoteapp-admin: VALIDATION: realm: /);
    expect(
      await realm.docker.listContainers({
        all: true,
        filters: { label: [`${RUNINFO.realm}=${realm.realm}`] },
      }),
    ).toEqual([]);
  });

  it('--engine: the engine in use by its id, or a Docker context, which must exist', async () => {
    const known = await cli('ls', '--realm', realm.realm, '--engine', 'env', '--json');
    expect(known.code).toBe(0);
    expect(JSON.parse(known.stdout)).toEqual([]);
    const unknown = await cli('ls', '--realm', realm.realm, '--engine', 'no-such-context');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^remoteapp-admin: VALIDATION: context: no Docker context "no-such-context"/,
    );
  });

  it('a wrong command line: exit 2 with the usage hint', async () => {
    for (const args of [
      ['frobnicate'],
      ['ls', '--colour'],
      ['launch', '--user', 'h'],
      ['launch', '--user', 'h', '--image', 'i', '--volume', '/a:/b'],
      ['stop'],
    ]) {
      const run = await cli(...args, '--realm', realm.realm);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(
        /^remoteapp-admin: VALIDATION: .+\nRun `remoteapp-admin --help`/,
      );
    }
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--realm R');
  });
});
