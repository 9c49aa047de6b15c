import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { writeActivityFile } from '../../src-core/proxy/activity-file';
import { routeKey } from '../../src-core/proxy/route-activity';
import { runCliProcess } from '../support/cli-process';
import { IMAGES } from '../support/fixture-images';
import { testRealm } from '../support/test-realm';

const realm = testRealm('cli-cull');
// The app's configuration folder: its catalog (the audit log), the proxy's activity file.
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-cli-cull-'));
const cli = (...args: string[]) =>
  runCliProcess({ DOCKER_HOST: inject('dockerHost'), REMOTEAPP_CONFIG_DIR: configDir }, [
    ...args,
    '--realm',
    realm.realm,
  ]);

/** The audit log the command wrote, in the app's own catalog. */
function audit(): Array<{ action: string; target: string; result: string; detail: string }> {
  const path = join(configDir, 'catalog.db');
  if (!existsSync(path)) return [];
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT action, target, result, detail FROM remoteapp_audit').all() as never;
  } finally {
    db.close();
  }
}

afterAll(async () => {
  await realm.cleanup();
  rmSync(configDir, { recursive: true, force: true });
});

describe('remoteapp-admin cull, as cron runs it', () => {
  it('refuses a bad idle time as a wrong command line, and a cull with nothing to apply', async () => {
    const bad = await cli('cull', '--idle-for', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--idle-for: "soon" must be a duration such as 90s, 15m or 2h');
    const unset = await cli('cull');
    expect(unset.code).toBe(1);
    expect(unset.stderr).toMatch(/^remoteapp-admin: VALIDATION: idleFor: is not set/);
  });

  it('with --dry-run stops nothing; then stops the idle container, audited; activity the app recorded spares it', async () => {
    const launched = await cli('launch', '--user', 'carol', '--image', IMAGES.webapp, '--json');
    expect(launched.code).toBe(0);
    const container = JSON.parse(launched.stdout) as { id: string; urlpath: string };
    const dryRun = async () => {
      const run = await cli('cull', '--idle-for', '10s', '--dry-run', '--json');
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout) as {
        containers: Array<{ id: string; outcome: string; since: { kind: string } }>;
        kept: number;
      };
    };
    // No activity recorded: it counts from its start, and comes due 10 s after it.
    await expect
      .poll(async () => (await dryRun()).containers, { timeout: 120_000, interval: 1000 })
      .toEqual([
        expect.objectContaining({
          id: container.id,
          outcome: 'dry-run',
          since: expect.objectContaining({ kind: 'start' }),
        }),
      ]);
    const said = await cli('cull', '--idle-for', '10s', '--dry-run');
    expect(said.code).toBe(0);
    expect(said.stdout).toMatch(
      new RegExp(
        `^Would stop ${container.id.slice(0, 12)} \\(carol, remoteapp-test/webapp:1 on env\\): idle \\S+ since its start`,
        'm',
      ),
    );
    expect(said.stdout).toContain('1 to cull (dry run: nothing done), 0 in use, 0 exempt.');
    const listed = JSON.parse((await cli('ls', '--json')).stdout);
    expect(listed).toEqual([
      expect.objectContaining({ id: container.id, state: 'running', lastActivity: null }),
    ]);
    expect(audit()).toEqual([]);

    // The app's embedded proxy saw a request just now, and left it beside proxy.json.
    const usedAt = Date.now();
    writeActivityFile(
      join(configDir, 'activity.json'),
      new Map([[routeKey(container.urlpath)!, usedAt]]),
    );
    expect(await dryRun()).toMatchObject({ containers: [], kept: 1 });
    expect(JSON.parse((await cli('ls', '--json')).stdout)[0].lastActivity).toBe(
      new Date(usedAt).toISOString(),
    );

    rmSync(join(configDir, 'activity.json'));
    const culled = await cli('cull', '--idle-for', '10s');
    expect(culled.stderr).toBe('');
    expect(culled.code).toBe(0);
    expect(culled.stdout).toMatch(new RegExp(`^Stopped ${container.id.slice(0, 12)} `, 'm'));
    expect(JSON.parse((await cli('ls', '--json')).stdout)).toEqual([]);
    expect(audit()).toEqual([
      expect.objectContaining({
        action: 'containers.cull',
        target: `carol ${IMAGES.webapp}`,
        result: 'ok',
        detail: expect.stringMatching(/^idle \S+ \(over 10s; no activity since its start /),
      }),
    ]);
  });
});
