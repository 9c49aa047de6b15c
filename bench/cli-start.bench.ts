import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../esbuild.config';
import { benchEngine } from './support/engine';
import { result } from './support/results';
import { median } from './support/stats';

const ROUNDS = 30;
const BIN = join(import.meta.dirname, '..', 'src-core', 'cli', 'bin.mjs');
// GNU time reports the process's peak RSS, which Node cannot read of a child.
const TIME = '/usr/bin/time';

interface Run {
  ms: number;
  maxRssMiB: number;
  stdout: string;
}

/** One process under GNU time: its wall time from spawn to exit, and its peak RSS. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const start = performance.now();
  return new Promise((resolve, reject) =>
    execFile(TIME, ['-f', '%M', process.execPath, ...args], { env }, (error, stdout, stderr) => {
      const ms = performance.now() - start;
      if (error) reject(new Error(`${args.join(' ')}: ${stderr}`, { cause: error }));
      else resolve({ ms, maxRssMiB: Number(stderr.trim().split('\n').at(-1)) / 1024, stdout });
    }),
  );
}

/**
 * The command line's start, as cron runs it: `remoteapp-admin ls --json` on
 * an empty realm (the bin, its bundle checked fresh, the engine asked)
 * against `node -e 0`, the least any Node command costs; sides alternate.
 */
export async function benchCliStart() {
  const engine = await benchEngine('cli');
  const config = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  try {
    await buildCli();
    const env = {
      ...process.env,
      DOCKER_HOST: `unix://${engine.socketPath}`,
      DOCKER_CONTEXT: '',
      REMOTEAPP_CONFIG_DIR: config,
    };
    const ls = [BIN, 'ls', '--json', '--realm', engine.realm, '--engines-file', 'none'];
    const floor = ['-e', '0'];
    const runs = { ours: [] as Run[], floor: [] as Run[] };
    // Warm the file cache for both, untimed.
    await run(ls, env);
    await run(floor, env);
    for (let i = 0; i < ROUNDS; i++)
      for (const side of i % 2 ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const))
        runs[side].push(await run(side === 'ours' ? ls : floor, env));
    if (runs.ours.some((r) => JSON.stringify(JSON.parse(r.stdout)) !== '[]'))
      throw new Error('ls --json did not list an empty realm');
    const ms = (side: Run[]) => median(side.map((r) => r.ms));
    const rss = (side: Run[]) => median(side.map((r) => r.maxRssMiB));
    const how = `median of ${ROUNDS} processes per side, sides alternating; the bundle built by npm run build, checked fresh by the bin`;
    return {
      'cli-start-ls': result(ms(runs.ours), ms(runs.floor), 'ms', 4, {
        note: `wall time of remoteapp-admin ls --json on an empty realm; ${how}; floor: node -e 0`,
      }),
      'cli-start-ls-rss': result(rss(runs.ours), rss(runs.floor), 'MiB', 2, {
        note: `peak RSS of the same processes (GNU time); floor: node -e 0`,
      }),
    };
  } finally {
    rmSync(config, { recursive: true, force: true });
    await engine.cleanup();
  }
}
