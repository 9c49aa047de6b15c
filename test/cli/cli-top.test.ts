import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient } from '../../src-core/api/client';
import type { StatsBatch } from '../../src-core/api/stats';
import { inProcessTransport } from '../../src-core/host/in-process-transport';
import { startCore, type Core } from '../../src-core/host/start-core';
import type { TopRow } from '../../src-core/cli/top-view';
import { runCliProcess } from '../support/cli-process';
import { HOLDER_BYTES, IMAGES } from '../support/fixture-images';
import { testRealm } from '../support/test-realm';
import { until } from '../support/until';

const t = testRealm('top');
const dockerHost = inject('dockerHost');
// A configuration folder of its own; DOCKER_HOST names the test engine, so the engine is `env`.
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-top-'));
const env = { DOCKER_HOST: dockerHost, REMOTEAPP_CONFIG_DIR: configDir };
const realmArgs = ['--realm', t.realm, '--engines-file', 'none'];
const cli = (...args: string[]) => runCliProcess(env, [...args, ...realmArgs]);
const ids = { busy: '', holder: '', idle: '' };

interface TopJson {
  at: number;
  containers: TopRow[];
  engines: StatsBatch['engines'];
}

beforeAll(async () => {
  const manager = t.manager();
  const start = async (user: string, image: string) =>
    (await manager.startContainer({ user, image, mappingId: 'm' })).container.id;
  ids.busy = await start('ann', IMAGES.busy);
  ids.holder = await start('ben', IMAGES.holder);
  ids.idle = await start('cid', IMAGES.webapp);
});

afterAll(async () => {
  await t.cleanup();
});

const UNITS: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30 };

/** One `docker stats --no-stream` run: each container's CPU % and memory, and when it ended. */
async function dockerStats(): Promise<{
  endedAt: number;
  rows: Map<string, { cpu: number; memory: number }>;
}> {
  const { stdout } = await promisify(execFile)(
    'docker',
    ['stats', '--no-stream', '--format', '{{json .}}', ...Object.values(ids)],
    { env: { ...process.env, DOCKER_HOST: dockerHost } },
  );
  const rows = new Map<string, { cpu: number; memory: number }>();
  for (const line of stdout.trim().split('\n')) {
    const row = JSON.parse(line) as { ID: string; CPUPerc: string; MemUsage: string };
    const [, amount, unit] = /^([\d.]+)(\w+) \//.exec(row.MemUsage)!;
    rows.set(row.ID, { cpu: parseFloat(row.CPUPerc), memory: Number(amount) * UNITS[unit!]! });
  }
  return { endedAt: Date.now(), rows };
}

describe('remoteapp-admin top on real containers', () => {
  it('--json --once: the busy container first, as docker stats reads it in the same second; the held memory; the idle one near 0', async () => {
    // docker stats runs again and again meanwhile; the run that ended nearest our sample is compared.
    let running = true;
    const runs: Awaited<ReturnType<typeof dockerStats>>[] = [];
    const docker = (async () => {
      while (running) runs.push(await dockerStats());
    })();
    const top = await cli('top', '--json', '--once');
    running = false;
    await docker;
    expect(top.stderr).toBe('');
    expect(top.code).toBe(0);
    const sample = JSON.parse(top.stdout) as TopJson;
    expect(sample.containers.map((c) => c.id).sort()).toEqual(Object.values(ids).sort());
    // The busiest first.
    const cpus = sample.containers.map((c) => c.cpuPercent);
    expect(cpus).toEqual([...cpus].sort((a, b) => b - a));
    expect(sample.containers[0]!.id).toBe(ids.busy);
    const [busy, holder, idle] = [ids.busy, ids.holder, ids.idle].map((id) =>
      sample.containers.find((c) => c.id === id)!,
    );
    expect(busy).toMatchObject({ engine: 'env', user: 'ann', image: IMAGES.busy });

    const nearest = runs.reduce((best, run) =>
      Math.abs(run.endedAt - sample.at) < Math.abs(best.endedAt - sample.at) ? run : best,
    );
    const docker12 = (id: string) => nearest.rows.get(id.slice(0, 12))!;
    expect(Math.abs(busy!.cpuPercent - docker12(ids.busy).cpu)).toBeLessThanOrEqual(15);
    expect(Math.abs(holder!.memoryBytes - HOLDER_BYTES)).toBeLessThan(HOLDER_BYTES * 0.1);
    expect(Math.abs(holder!.memoryBytes - docker12(ids.holder).memory)).toBeLessThan(
      HOLDER_BYTES * 0.1,
    );
    expect(idle!.cpuPercent).toBeLessThan(2);
    expect(docker12(ids.idle).cpu).toBeLessThan(2);
    expect(sample.engines).toEqual([expect.objectContaining({ engine: 'env', containers: 3 })]);
  });

  it('agrees with the contract: the same containers read alike at the same moment', async () => {
    let core: Core | undefined;
    try {
      core = await startCore({ realm: t.realm, profiles: [{ kind: 'env', env }] });
      const client = createClient(
        inProcessTransport(core.host, { transport: 'in-process', label: 'test' }),
      );
      const batches: StatsBatch[] = [];
      client.on('stats.samples', (batch) => batches.push(batch));
      await client.call('stats.watch', { watchId: 'ui', intervalSeconds: 1 });
      const top = await cli('top', '--json', '--once', '--interval', '1');
      expect(top.code).toBe(0);
      const sample = JSON.parse(top.stdout) as TopJson;
      const batch = await until('a batch of the contract after top', () =>
        batches.find((b) => b.at >= sample.at),
      );
      for (const id of Object.values(ids)) {
        const ours = sample.containers.find((c) => c.id === id)!;
        const theirs = batch.containers.find((c) => c.id === id)!;
        expect(Object.keys(theirs).every((key) => key in ours)).toBe(true);
        expect(Math.abs(ours.cpuPercent - theirs.cpuPercent), id).toBeLessThanOrEqual(15);
        expect(Math.abs(ours.memoryBytes - theirs.memoryBytes), id).toBeLessThan(
          Math.max(ours.memoryBytes, theirs.memoryBytes) * 0.05,
        );
        expect(ours.memoryLimitBytes).toBe(theirs.memoryLimitBytes);
      }
    } finally {
      await core?.close();
    }
  });

  it('prints a table like docker stats, the busiest first, and engine totals', async () => {
    const top = await cli('top', '--once', '--interval', '0.5');
    expect(top.code).toBe(0);
    const lines = top.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^ENGINE\s+ID\s+USER\s+IMAGE\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET IN \/ OUT\s+BLOCK I\/O$/,
    );
    expect(lines[1]).toContain(ids.busy.slice(0, 12));
    expect(lines.find((l) => l.includes(ids.holder.slice(0, 12)))).toMatch(
      /\b(4[4-9]|5[0-2])\.\d+MiB \//,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^env: 3 running, CPU [\d.]+% of \d+00%, memory /),
    );
  });

  it('refreshes every interval until Ctrl-C, one JSON line per sample', async () => {
    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, '../../src-core/cli/bin.mjs'),
        'top',
        '--json',
        '--interval',
        '0.5',
        ...realmArgs,
      ],
      {
        env: { ...process.env, ...env },
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const lines = await until('two samples', () => {
      const complete = stdout.split('\n').slice(0, -1);
      return complete.length >= 2 ? complete : undefined;
    });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const line of lines) {
      const sample = JSON.parse(line) as TopJson;
      expect(sample.containers[0]!.id).toBe(ids.busy);
    }
  });

  it('--once with an engine down: the rows of the others, the one down named, exit 1', async () => {
    const socket = join(configDir, 'down.sock');
    const file = join(configDir, 'engines.json');
    writeFileSync(
      file,
      JSON.stringify({ engines: [{ kind: 'socket', id: 'down', path: socket }] }),
    );
    const run = await runCliProcess(env, [
      'top',
      '--once',
      '--interval',
      '0.5',
      '--realm',
      t.realm,
      '--engines-file',
      file,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[1]).toContain(ids.busy.slice(0, 12));
    expect(run.stdout).toContain('down: not sampled (unreachable)');
    expect(run.stderr).toContain(`ENGINE_UNREACHABLE: engine down: "down" (unix://${socket})`);
  });

  it('refuses an interval out of bounds before starting anything', async () => {
    const run = await cli('top', '--interval', '0.1');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('VALIDATION: --interval: "0.1" must be 0.5 to 60 seconds');
  });
});
