import pLimit from 'p-limit';
import { STATS_INTERVAL, type StatsBatch } from '../src-core/api/stats';
import { createClient } from '../src-core/api/client';
import { inProcessTransport } from '../src-core/host/in-process-transport';
import { startCore, type Core } from '../src-core/host/start-core';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { fillRealm } from './support/realm-requests';
import { result } from './support/results';
import { median } from './support/stats';

const CONTAINERS = 200;
const ROUNDS = 15;
const INTERVAL_MS = STATS_INTERVAL.defaultSeconds * 1000;
/** As many in flight as the sampler allows per engine: one daemon collection answers them all. */
const IN_FLIGHT = 256;

/** This process's CPU time (user + system) over a run of `run`, as % of one core. */
async function cpuPercentOf(run: () => Promise<void>): Promise<number> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return ((used.user + used.system) / 1000 / (performance.now() - started)) * 100;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sampling 200 running containers at the default interval, through the
 * contract (a `stats.watch` on the core's host, each batch serialised as a
 * transport would): the app process's CPU per second of sampling, beside the
 * raw Docker API making the same one-shot stats requests (together, each
 * answer parsed) on the same schedule, before the core starts.
 */
export async function benchStats() {
  const engine = await benchEngine('stats');
  let core: Core | undefined;
  try {
    const ids: string[] = [];
    await fillRealm(
      async (body) => {
        const container = await engine.docker.createContainer(body);
        await container.start();
        ids.push(container.id);
      },
      engine.realm,
      CONTAINERS,
      20,
    );

    const raw = rawDocker(engine.socketPath);
    const rawRound = async () => {
      const limit = pLimit(IN_FLIGHT);
      await Promise.all(
        ids.map((id) =>
          limit(() => raw('GET', `/containers/${id}/stats?stream=false&one-shot=true`)),
        ),
      );
    };
    const floor = await cpuPercentOf(async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        await rawRound();
        await sleep(Math.max(0, INTERVAL_MS - (performance.now() - started)));
      }
    });

    core = await startCore({
      realm: engine.realm,
      profiles: [{ kind: 'socket', path: engine.socketPath }],
    });
    const client = createClient(
      inProcessTransport(core.host, { transport: 'in-process', label: 'bench' }),
    );
    const batches: StatsBatch[] = [];
    const waiters: Array<[number, () => void]> = [];
    client.on('stats.samples', (batch) => {
      // What the WebSocket transport would send of it.
      JSON.stringify(batch);
      batches.push(batch);
      for (const [count, resolve] of waiters) if (batches.length >= count) resolve();
    });
    const received = (count: number) =>
      new Promise<void>((resolve) => waiters.push([count, resolve]));
    await client.call('stats.watch', { watchId: 'bench' });
    await received(2); // primed and warm: the measure starts here
    const ours = await cpuPercentOf(() => received(ROUNDS + 2));
    await client.call('stats.unwatch', { watchId: 'bench' });
    const measured = batches.slice(2);
    if (measured.some((b) => b.containers.length !== CONTAINERS))
      throw new Error(`a batch missed containers: ${measured.map((b) => b.containers.length)}`);
    const gaps = measured.slice(1).map((b, i) => b.at - measured[i]!.at);
    return {
      'stats-sampling-200': result(ours, floor, '% of one core', 5, {
        goalOn: 'value',
        note: `the app process's CPU while sampling ${CONTAINERS} running containers every ${INTERVAL_MS / 1000} s (${ROUNDS} rounds, batches ${Math.round(median(gaps))} ms apart); floor: the same one-shot stats requests on the raw API, ${IN_FLIGHT} in flight`,
      }),
    };
  } finally {
    await core?.close();
    await engine.cleanup();
  }
}
