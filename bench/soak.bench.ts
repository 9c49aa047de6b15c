import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { ContractError, createClient } from '../src-core/api/client';
import type { ErrorPayload } from '../src-core/api/errors';
import { STATS_INTERVAL } from '../src-core/api/stats';
import { RUNINFO } from '../src-core/realm/labels';
import { websocketTransport } from '../renderer/transport/websocket-transport';
import { launchBrowser } from '../test/support/browser';
import { startRequestCounter } from '../test/support/docker-request-count';
import { IMAGES } from '../test/support/fixture-images';
import { buildRenderer } from '../test/support/renderer-build';
import { showView } from '../test/support/ui-session';
import { benchEngine } from './support/engine';
import { result } from './support/results';
import { median } from './support/stats';

/** Launches (then stops) at once in each round: one user each. */
const AT_ONCE = 16;
/** The churn's share of the five minutes the soak may take; setup and settling take the rest. */
const CHURN_MS = 4 * 60_000;
const INTERVAL_MS = STATS_INTERVAL.defaultSeconds * 1000;
/** Rounds before the baselines are taken: the process has then loaded and warmed what churn uses. */
const WARM_UP_ROUNDS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MiB = 1024 * 1024;

interface ChildReport {
  resources: Record<string, number>;
  fds: number;
  listeners: Record<string, number>;
  heapUsed: number;
}

/** What the serve process holds open, and the connections to the engine through the relay. */
interface Held {
  handles: number;
  fds: number;
  listeners: number;
  /** The listeners by the class of their emitter. */
  byEmitter: Record<string, number>;
  connections: number;
}

const total = (h: Held) => h.handles + h.fds + h.listeners + h.connections;

/** How each operation ended: every failure must carry its reason (a code and a sentence). */
class Outcomes {
  ok = 0;
  failed: Record<string, number> = {};
  unexplained: string[] = [];
  fail(error: ErrorPayload | undefined) {
    if (!error?.code || !error.message) {
      this.unexplained.push(JSON.stringify(error ?? null));
      return;
    }
    this.failed[error.code] = (this.failed[error.code] ?? 0) + 1;
  }
  get total() {
    return (
      this.ok + this.unexplained.length + Object.values(this.failed).reduce((a, b) => a + b, 0)
    );
  }
}

/**
 * A soak under churn: `cycles` launches and stops in one realm through serve
 * mode (a process of its own), 10 at a time, with the UI open in Chromium on
 * the containers table, sampling. A resident container runs throughout, so
 * that sampling always has something to ask the engine. Checks that every
 * operation succeeds or fails with its reason, that the UI's rows equal
 * Docker's after each round of launches, that nothing is left in the realm,
 * that the serve process's memory settles within 10% of its level after the
 * warm-up, and that it keeps no more handles, listeners or engine
 * connections than before, and no stats request once no one looks. Stops
 * starting rounds after CHURN_MS: a slow machine runs fewer cycles, and says so.
 */
export async function benchSoak(cycles = 500) {
  const soakStarted = performance.now();
  const engine = await benchEngine('soak');
  const relay = await startRequestCounter(`unix://${engine.socketPath}`);
  const staticDir = await buildRenderer();
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      join(import.meta.dirname, 'support', 'serve-child.ts'),
      engine.realm,
      relay.socketPath,
      staticDir,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the serve process exited');
    return value as string;
  };
  const browser = await launchBrowser();
  try {
    const serve = JSON.parse(await nextLine()) as {
      url: string;
      apiUrl: string;
      token: string;
      port: number;
    };
    const client = createClient(
      websocketTransport(
        new WebSocket(`${serve.apiUrl}?token=${encodeURIComponent(serve.token)}`, {
          origin: `http://127.0.0.1:${serve.port}`,
        }),
      ),
    );
    const { page } = browser;
    const rss = () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
    };
    const held = async (): Promise<Held> => {
      child.stdin.write('report\n');
      const report = JSON.parse(await nextLine()) as ChildReport;
      return {
        handles: Object.values(report.resources).reduce((a, b) => a + b, 0),
        fds: report.fds,
        listeners: Object.values(report.listeners).reduce((a, b) => a + b, 0),
        byEmitter: report.listeners,
        connections: relay.connections(),
      };
    };
    const docker = async () =>
      (
        await engine.docker.listContainers({
          all: true,
          filters: { label: [`${RUNINFO.realm}=${engine.realm}`] },
        })
      ).length;
    const uiRows = () =>
      page.evaluate(() =>
        Number(document.querySelector('[role=grid]')?.getAttribute('aria-rowcount') ?? 0),
      );
    /** Whether the UI's rows come to equal Docker's (events take a moment), and how long they took. */
    const checkpoint = async () => {
      const want = await docker();
      const started = performance.now();
      while (performance.now() - started < 30_000) {
        if ((await uiRows()) === want) return { equal: true, ms: performance.now() - started };
        await sleep(50);
      }
      return { equal: false, ms: performance.now() - started };
    };
    /** What the process holds, read again every 2 s for up to 30 s while it holds more than `then`. */
    const settled = async (then: Held) => {
      let now = await held();
      for (let waited = 0; total(now) > total(then) && waited < 30_000; waited += 2000) {
        await sleep(2000);
        now = await held();
      }
      return now;
    };
    /** RSS readings once the process is quiet: two sampling intervals on, five readings a second apart. */
    const quietRss = async () => {
      await sleep(2 * INTERVAL_MS);
      const readings: number[] = [];
      for (let i = 0; i < 5; i++, await sleep(1000)) readings.push(rss());
      return readings;
    };
    const statsRequests = () =>
      relay.requests.filter((r) => /\/containers\/\w+\/stats\?/.test(r)).length;

    await page.goto(serve.url);
    const resident = await client.call('containers.launch', {
      engine: 'local',
      user: 'soak-resident',
      image: IMAGES.webapp,
      mappingId: 'soak-resident',
    });
    await showView(page, 'Containers');
    await page.locator('.row[data-user="soak-resident"] .col-cpu canvas').waitFor();

    const launches = new Outcomes();
    const stops = new Outcomes();
    const checkpoints: Array<{ equal: boolean; ms: number }> = [];
    const roundMs: number[] = [];
    let done = 0;
    let warm: { rss: number; on: Held; off: Held } | null = null;
    const churnStarted = performance.now();
    for (let round = 0; done < cycles && performance.now() - churnStarted < CHURN_MS; round++) {
      const started = performance.now();
      const users = Array.from({ length: Math.min(AT_ONCE, cycles - done) }, (_, w) => `soak-${w}`);
      const launched = await Promise.all(
        users.map((user) =>
          client
            // One mapping id each: a second start of one mapping id waits for none, it is refused.
            .call('containers.launch', {
              engine: 'local',
              user,
              image: IMAGES.webapp,
              mappingId: user,
            })
            .then(
              ({ container }) => (launches.ok++, container.id),
              // Only a contract error carries a code: anything else is a failure without its reason.
              (error) => (
                launches.fail(
                  error instanceof ContractError
                    ? { code: error.code, message: error.message, details: error.details }
                    : undefined,
                ),
                null
              ),
            ),
        ),
      );
      checkpoints.push(await checkpoint());
      const ids = launched.filter((id): id is string => id !== null);
      if (ids.length) {
        const { results } = await client.call('containers.stop', {
          targets: ids.map((id) => ({ engine: 'local', id })),
        });
        for (const r of results)
          if (r.ok) stops.ok++;
          else stops.fail(r.error);
      }
      done += users.length;
      roundMs.push(performance.now() - started);
      if (round + 1 === WARM_UP_ROUNDS) {
        checkpoints.push(await checkpoint());
        const readings = await quietRss();
        const on = await held();
        // Sampling off (a view that shows no resource use), then on again.
        await showView(page, 'Catalog');
        await sleep(2 * INTERVAL_MS);
        const off = await held();
        await showView(page, 'Containers');
        warm = { rss: median(readings), on, off };
      }
    }
    const churnMs = performance.now() - churnStarted;
    checkpoints.push(await checkpoint());
    if (!warm) throw new Error('the churn ended before its warm-up');

    // Settling: what the process holds once the churn is over, in the warm-up's states. The
    // memory is read as after the warm-up, then again every 2 s for up to a minute while above
    // the goal; the handles likewise, while the churn's keep-alive connections time out.
    const settleStarted = performance.now();
    const readings = await quietRss();
    while (median(readings) > warm.rss * 1.1 && performance.now() - settleStarted < 60_000) {
      await sleep(2000);
      readings.shift();
      readings.push(rss());
    }
    const after = median(readings);
    const settleMs = performance.now() - settleStarted;
    const onAfter = await settled(warm.on);
    const before = statsRequests();
    await sleep(3 * INTERVAL_MS);
    const whileOn = statsRequests() - before;
    await showView(page, 'Catalog');
    // The round in flight when the watch stopped may still finish.
    await sleep(INTERVAL_MS + 1000);
    const stopped = statsRequests();
    await sleep(3 * INTERVAL_MS);
    const afterUnwatch = statsRequests() - stopped;
    const offAfter = await settled(warm.off);

    await client.call('containers.stop', {
      targets: [{ engine: 'local', id: resident.container.id }],
    });
    const left = await docker();
    await showView(page, 'Containers');
    checkpoints.push(await checkpoint());
    client.close();
    if (browser.pageErrors.length) throw new Error(`page errors: ${browser.pageErrors.join('; ')}`);

    const mismatched = checkpoints.filter((c) => !c.equal).length;
    const slowest = Math.max(...checkpoints.map((c) => c.ms));
    const failures = (o: Outcomes) =>
      Object.entries(o.failed)
        .map(([code, n]) => `${n} ${code}`)
        .join(', ') || 'none';
    const ratioNote = (name: string, a: Held, b: Held) => {
      const added = Object.entries(b.byEmitter)
        .filter(([kind, n]) => n > (a.byEmitter[kind] ?? 0))
        .map(([kind, n]) => `${kind} +${n - (a.byEmitter[kind] ?? 0)}`);
      return `${name}: handles ${a.handles}→${b.handles}, fds ${a.fds}→${b.fds}, listeners ${a.listeners}→${b.listeners}${added.length ? ` (${added.join(', ')})` : ''}, engine connections ${a.connections}→${b.connections}`;
    };
    const summary = `${done} cycles in ${(churnMs / 1000).toFixed(0)} s (${AT_ONCE} at a time, median round ${(median(roundMs) / 1000).toFixed(1)} s), UI open and sampling`;
    return {
      'soak-cycles-short-of-500': result(cycles - done, cycles, 'cycles', 0, {
        goalOn: 'value',
        note: `${summary}; rounds stop starting after ${CHURN_MS / 60_000} min; the whole soak (build, setup, settling, checks) ${((performance.now() - soakStarted) / 1000).toFixed(0)} s`,
      }),
      'soak-unexplained-failures': result(
        launches.unexplained.length + stops.unexplained.length,
        launches.total + stops.total,
        'operations',
        0,
        {
          goalOn: 'value',
          note: `launches: ${launches.ok} ok, failed ${failures(launches)}; stops: ${stops.ok} ok, failed ${failures(stops)}; floor: operations run${launches.unexplained.length + stops.unexplained.length ? `; unexplained: ${[...launches.unexplained, ...stops.unexplained].slice(0, 3).join(' ')}` : ''}`,
        },
      ),
      'soak-ui-rows-unequal-to-docker': result(mismatched, checkpoints.length, 'checkpoints', 0, {
        goalOn: 'value',
        note: `after each round's launches and at the end; slowest to agree ${slowest.toFixed(0)} ms; floor: checkpoints`,
      }),
      'soak-left-in-realm': result(left, launches.ok + 1, 'containers', 0, {
        goalOn: 'value',
        note: 'containers of the realm on the engine after the last stop; floor: containers made',
      }),
      'soak-serve-rss-after-churn': result(after / MiB, warm.rss / MiB, 'MiB', 1.1, {
        note: `serve process (core + serve, its own process) RSS once settled (${(settleMs / 1000).toFixed(0)} s), against after ${WARM_UP_ROUNDS * AT_ONCE} warm-up cycles`,
      }),
      'soak-serve-held-after-churn': result(total(offAfter), total(warm.off), 'open', 1, {
        note: `handles + fds + EventEmitter listeners + engine connections, sampling off, after vs after warm-up; ${ratioNote('sampling off', warm.off, offAfter)}; ${ratioNote('sampling on', warm.on, onAfter)}`,
      }),
      'soak-stats-requests-after-unwatch': result(afterUnwatch, whileOn, 'requests', 0, {
        goalOn: 'value',
        note: `stats requests reaching the engine in ${(3 * INTERVAL_MS) / 1000} s once no view samples; floor: the same span while the table sampled (the resident container)`,
      }),
    };
  } finally {
    await browser.close();
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await relay.close();
    await engine.cleanup();
    rmSync(staticDir, { recursive: true, force: true });
  }
}
