import type { ContractClient } from '../api/client';
import type { ContainerView } from '../api/containers';
import type { StatsBatch } from '../api/stats';
import type { Command, CommandContext } from './cli-io';
import { errorLine } from './error-line';
import { containerKey, engineLines, topRows, topTable } from './top-view';

const WATCH_ID = 'top';
/** Moves the cursor home and clears the terminal, as `docker stats` does between refreshes. */
const CLEAR = '\x1b[H\x1b[2J';

/** The watch's batches, the newest only: a live view shows what is, not what it missed. */
function latestBatches(client: ContractClient) {
  let latest: StatsBatch | null = null;
  let waiting: ((batch: StatsBatch) => void) | null = null;
  const stop = client.on('stats.samples', (batch) => {
    if (batch.watchId !== WATCH_ID) return;
    if (waiting) waiting(batch);
    else latest = batch;
    waiting = null;
  });
  return {
    next(): Promise<StatsBatch> {
      const ready = latest;
      latest = null;
      return ready ? Promise.resolve(ready) : new Promise((resolve) => (waiting = resolve));
    },
    stop,
  };
}

/** The engines that were to be sampled and were not (not connected, or not loaded). */
async function notSampled({ args, client }: CommandContext, batch: StatsBatch) {
  const { engines, notLoaded } = await client.call('engines.list', {});
  const sampled = new Set(batch.engines.map((e) => e.engine));
  const wanted = (id: string) => args.engine === undefined || id === args.engine;
  return {
    down: engines.filter((e) => wanted(e.id) && !sampled.has(e.id)),
    notLoaded: notLoaded.filter((e) => wanted(e.id)),
  };
}

/**
 * `top`: the realm's running containers, the busiest first, as `docker stats`
 * shows them, across every engine (or `--engine`), through a `stats.watch`.
 * `--once` prints one sample (taken over one interval) and exits, 1 when an
 * engine could not be sampled; otherwise it prints one every interval, over
 * the last on a terminal, until Ctrl-C.
 */
export const topCommand: Command = async (context) => {
  const { args, client, io } = context;
  const views = new Map<string, ContainerView>();
  const learnContainers = async () => {
    const { engines } = await client.call(
      'containers.list',
      args.engine !== undefined ? { engine: args.engine } : {},
    );
    for (const c of engines.flatMap((listing) => listing.containers))
      views.set(containerKey(c.engine, c.id), c);
  };
  const batches = latestBatches(client);
  try {
    await client.call('stats.watch', {
      watchId: WATCH_ID,
      ...(args.engine !== undefined && { engine: args.engine }),
      ...(args.interval !== undefined && { intervalSeconds: args.interval }),
    });
    const stopped = args.once ? null : io.untilStopped().then(() => null);
    for (;;) {
      const batch = await (stopped ? Promise.race([batches.next(), stopped]) : batches.next());
      if (!batch) return 0;
      // Containers started since the last look are named from one listing.
      if (batch.containers.some((c) => !views.has(containerKey(c.engine, c.id))))
        await learnContainers();
      const rows = topRows(batch, views);
      const { down, notLoaded } = await notSampled(context, batch);
      if (args.json) {
        const json = { at: batch.at, containers: rows, engines: batch.engines };
        io.out(args.once ? JSON.stringify(json, null, 2) : JSON.stringify(json));
      } else {
        const sampled = batch.engines.map((e) => e.engine).join(', ');
        // Only what was checked: an engine not sampled may run containers.
        const none = !(down.length || notLoaded.length)
          ? 'No running containers in this realm.'
          : sampled
            ? `No running containers on ${sampled}, which answered.`
            : 'No engine answered.';
        const lines = [
          rows.length ? topTable(rows) : none,
          '',
          ...engineLines(batch),
          ...down.map((e) => `${e.id}: not sampled (${e.state})`),
        ];
        io.out(`${!args.once && io.terminal ? CLEAR : ''}${lines.join('\n')}`);
      }
      if (args.once) {
        for (const e of down)
          io.err(
            errorLine(
              {
                code: 'ENGINE_UNREACHABLE',
                message: `"${e.name}" (${e.endpoint}) is ${e.state}${e.lastError ? `: ${e.lastError}` : ''}`,
              },
              `engine ${e.id}`,
            ),
          );
        return down.length || notLoaded.length ? 1 : 0;
      }
    }
  } finally {
    batches.stop();
  }
};
