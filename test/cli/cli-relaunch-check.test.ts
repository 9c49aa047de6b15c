import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { AuditLog } from '../../src-core/catalog/audit-log';
import { Catalog } from '../../src-core/catalog/catalog';
import { RUNINFO } from '../../src-core/realm/labels';
import { runCliProcess } from '../support/cli-process';
import { IMAGES } from '../support/fixture-images';
import { testRealm } from '../support/test-realm';

const realm = testRealm('cli-relaunch');
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-cli-relaunch-'));

/** The real `remoteapp-admin` command against the test engine, in this file's realm. */
const cli = (...args: string[]) =>
  runCliProcess({ DOCKER_HOST: inject('dockerHost'), REMOTEAPP_CONFIG_DIR: configDir }, [
    ...args,
    '--realm',
    realm.realm,
  ]);

afterAll(async () => {
  await realm.cleanup();
  rmSync(configDir, { recursive: true, force: true });
});

/** The app's own audit log, which the command line writes to. */
function audited(action: string) {
  const catalog = Catalog.openFile(join(configDir, 'catalog.db'));
  try {
    return new AuditLog(catalog.db)
      .list({ search: action })
      .map((e) => [e.action, e.result, e.engine]);
  } finally {
    catalog.close();
  }
}

describe('remoteapp-admin relaunch and check', () => {
  it('refuses IDs with --all-exited, and neither: exit 2', async () => {
    for (const args of [['relaunch'], ['relaunch', 'abc', '--all-exited']]) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(
        /^remoteapp-admin: VALIDATION: ID: name the containers, or give --all-exited/m,
      );
    }
  });

  it("relaunches every exited container as it was, audited in the app's own log", async () => {
    const manager = realm.manager();
    const { container: una } = await manager.startContainer({
      user: 'una',
      image: IMAGES.webapp,
      mappingId: 'm-una',
      environment: { GREETING: 'hi una' },
    });
    await manager.startContainer({ user: 'vic', image: IMAGES.webapp, mappingId: 'm-vic' });
    await realm.docker.getContainer(una.id).kill();

    const run = await cli('relaunch', '--all-exited', '--json');
    // No error line (a line of a build of the command, when its sources changed, may be there).
    expect(run.stderr).not.toMatch(/^remoteapp-admin: [A-Z_]+: /m);
    expect(run.code).toBe(0);
    const { results, unreachable } = JSON.parse(run.stdout);
    expect(unreachable).toEqual([]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: true, engine: 'env', id: una.id });
    const fresh = await realm.docker.getContainer(results[0].container.id).inspect();
    expect(fresh.State.Running).toBe(true);
    expect(fresh.Config.Labels[RUNINFO.mappingId]).toBe('m-una');
    expect(fresh.Config.Env).toContain('GREETING=hi una');
    expect(audited('container.relaunch')).toEqual([['container.relaunch', 'ok', 'env']]);

    const none = await cli('relaunch', '--all-exited');
    expect(none).toMatchObject({ code: 0, stdout: 'No exited containers in this realm.\n' });
  });

  it('check finds a container never started (exit 1), and check --fix removes it (exit 0)', async () => {
    const created = await realm.docker.createContainer({
      Image: IMAGES.webapp,
      Labels: {
        [RUNINFO.user]: 'wes',
        [RUNINFO.mappingId]: 'm-wes',
        [RUNINFO.urlId]: 'f00d',
        [RUNINFO.urlpath]: '/user/wes/containers/f00d',
        [RUNINFO.realm]: realm.realm,
      },
    });
    const found = await cli('check', '--json');
    expect(found.code).toBe(1);
    const report = JSON.parse(found.stdout);
    expect(report.findings.map((f: { kind: string; id: string }) => [f.kind, f.id])).toEqual([
      ['never-started', created.id],
    ]);
    // The routes live where the proxy runs, and this catalog has no users: said, not failed.
    expect(report.notChecked.map((n: { what: string }) => n.what).sort()).toEqual([
      'catalog',
      'routes',
    ]);

    const fixed = await cli('check', '--fix');
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toBe(`Fixed never-started ${created.id.slice(0, 12)} on env: removed\n`);
    expect(fixed.stderr).toContain(
      'remoteapp-admin: not checked: routes: no proxy runs in this host',
    );
    await expect(created.inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect(audited('check.remove')).toEqual([['check.remove', 'ok', 'env']]);

    const clean = await cli('check');
    expect(clean).toMatchObject({ code: 0, stdout: 'Nothing found in what was checked.\n' });
  });
});
