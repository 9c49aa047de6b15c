import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SwarmNodeView } from '../../src-core/api/engine-nodes';
import { AuditLog } from '../../src-core/catalog/audit-log';
import { Catalog } from '../../src-core/catalog/catalog';
import { runCliProcess } from '../support/cli-process';
import { IMAGES } from '../support/fixture-images';
import { startSwarm, type TestSwarm } from '../support/swarm';
import { until } from '../support/until';

const realm = `t-cli-nodes-${Date.now().toString(36)}`;
// The app's configuration folder: the Swarm engine saved in it, and its catalog (the audit log).
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-cli-nodes-'));
let swarm: TestSwarm;

/** The real `remoteapp-admin` command, the Swarm manager among its saved engines. */
const cli = (...args: string[]) =>
  runCliProcess({ DOCKER_HOST: inject('dockerHost'), REMOTEAPP_CONFIG_DIR: configDir }, [
    ...args,
    '--realm',
    realm,
  ]);

async function nodesJson(): Promise<Array<SwarmNodeView & { engine: string }>> {
  const run = await cli('nodes', '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

/** The app's own audit log, which the command line writes to. */
function audited(action: string) {
  const catalog = Catalog.openFile(join(configDir, 'catalog.db'));
  try {
    return new AuditLog(catalog.db).list({ search: action });
  } finally {
    catalog.close();
  }
}

beforeAll(async () => {
  swarm = await startSwarm({ images: [IMAGES.webapp] });
  const engines = [{ kind: 'socket', id: 'swarm', path: swarm.manager.socketPath }];
  writeFileSync(join(configDir, 'engines.json'), JSON.stringify({ engines }), { mode: 0o600 });
  for (const user of ['ann', 'bob']) {
    const run = await cli('launch', '--engine', 'swarm', '--user', user, '--image', IMAGES.webapp);
    expect(run.code, run.stderr).toBe(0);
  }
}, 180_000);

afterAll(async () => {
  await swarm?.close();
  rmSync(configDir, { recursive: true, force: true });
}, 60_000);

describe('remoteapp-admin nodes, drain and activate (a real two-node Swarm)', () => {
  it('nodes lists the Swarm engine nodes, as JSON and as a table; a plain engine has none', async () => {
    const nodes = await nodesJson();
    expect(nodes.map((n) => [n.engine, n.hostname, n.role, n.leader, n.availability])).toEqual([
      ['swarm', swarm.manager.hostname, 'manager', true, 'active'],
      ['swarm', swarm.worker.hostname, 'worker', false, 'active'],
    ]);
    expect(nodes.map((n) => n.address)).toEqual([swarm.manager.address, swarm.worker.address]);
    expect(nodes[0]!.runningTasks + nodes[1]!.runningTasks).toBe(2);

    const table = await cli('nodes');
    expect(table.code).toBe(0);
    const [header, ...lines] = table.stdout.trim().split('\n');
    expect(header!.split(/\s+/)).toEqual([
      'ENGINE',
      'ID',
      'HOSTNAME',
      'ROLE',
      'AVAILABILITY',
      'STATE',
      'ADDRESS',
      'CPUS',
      'MEMORY',
      'TASKS',
    ]);
    expect(lines[0]).toMatch(
      new RegExp(
        `^swarm\\s+${swarm.manager.nodeId}\\s+${swarm.manager.hostname}\\s+manager \\(leader\\)\\s+active\\s+ready\\s+${swarm.manager.address}\\s`,
      ),
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^swarm\\s+${swarm.worker.nodeId}\\s+${swarm.worker.hostname}\\s+worker\\s+active\\s`,
      ),
    );

    const plain = await cli('nodes', '--engine', 'env');
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(
      /^remoteapp-admin: NOT_FOUND: engine env: .*does not run Swarm services/,
    );
  });

  it('drain NODE by hostname moves its apps to the manager, audited; activate NODE by id undoes it', async () => {
    const drained = await cli('drain', swarm.worker.hostname, '--engine', 'swarm');
    expect(drained.stderr).toBe('');
    expect(drained.code).toBe(0);
    expect(drained.stdout.trim()).toBe(
      `Drained ${swarm.worker.hostname} (${swarm.worker.nodeId}): Swarm moves its tasks to the other nodes`,
    );
    await until(
      'both apps running on the manager',
      async () => {
        const rows = JSON.parse((await cli('ls', '--json', '--engine', 'swarm')).stdout) as Array<{
          node: string;
          state: string;
        }>;
        const moved = rows.every((r) => r.state === 'running' && r.node === swarm.manager.hostname);
        return rows.length === 2 && moved ? true : undefined;
      },
      90_000,
      500,
    );
    const worker = (await nodesJson()).find((n) => n.id === swarm.worker.nodeId);
    expect(worker).toMatchObject({ availability: 'drain', runningTasks: 0 });
    expect(audited('node.drain')).toMatchObject([
      {
        action: 'node.drain',
        target: `${swarm.worker.hostname} ${swarm.worker.nodeId}`,
        engine: 'swarm',
        result: 'ok',
      },
    ]);

    const activated = await cli('activate', swarm.worker.nodeId, '--engine', 'swarm');
    expect(activated.code).toBe(0);
    expect(activated.stdout).toContain(`Activated ${swarm.worker.hostname}`);
    expect((await nodesJson()).find((n) => n.id === swarm.worker.nodeId)?.availability).toBe(
      'active',
    );
    expect(audited('node.activate')).toMatchObject([{ engine: 'swarm', result: 'ok' }]);
  }, 150_000);

  it('a node not in the Swarm: exit 1 naming the nodes there; no node or no engine: exit 2', async () => {
    const unknown = await cli('drain', 'nowhere', '--engine', 'swarm');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      `remoteapp-admin: NOT_FOUND: NODE: no node "nowhere" in the Swarm of engine "swarm" (its nodes: ${swarm.manager.hostname}, ${swarm.worker.hostname})`,
    );
    for (const args of [
      ['drain', '--engine', 'swarm'],
      ['activate', swarm.worker.hostname],
    ]) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^remoteapp-admin: VALIDATION: (NODE|--engine): /);
    }
  });
});
