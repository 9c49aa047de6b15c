import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ContainerManager } from '../src-core/realm/container-manager';
import { waitForHttp2xx } from '../src-core/proxy/readiness-probe';
import { IMAGES } from '../test/support/fixture-images';
import {
  childPids,
  dockerProxyPid,
  machineBusyMs,
  processCpuMs,
  sumCpuMs,
} from './support/cpu-time';
import { startChpReference } from './support/chp-reference';
import { benchEngine } from './support/engine';
import { load } from './support/load';
import { pairedLoad } from './support/paired-load';
import { startNginxReference } from './support/nginx-reference';
import { result } from './support/results';
import { median, percentile } from './support/stats';

// A browser opens up to 6 connections to one host.
const CONCURRENCY = 6;
// Many short rounds, alternating: load from elsewhere on the machine falls on both sides alike.
const REQUESTS = 500;
const ROUNDS = 16;
// Warm-up, the same for both paths: a fresh proxy process needs ~3,000 requests before V8
// has optimised its request path (CPU per request 600 → 190 µs); the app's runs for hours.
const WARM_UP = 3000;
// The proxy with and without its activity recording, loaded at once: rounds of this long.
const PAIRED_ROUNDS = 16;
const PAIRED_MS = 1500;

async function startProxyChild(prefix: string, target: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'support', 'proxy-child.ts'), prefix, target],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const waiting: Array<{ resolve(line: string): void; reject(error: Error): void }> = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.resolve(line));
  child.once('exit', (code) => {
    for (const line of waiting.splice(0)) line.reject(new Error(`the proxy exited with ${code}`));
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  const origin = await nextLine();
  return {
    origin,
    pid: child.pid!,
    /** Turns its activity recording on or off; resolves once it has. */
    async track(on: boolean): Promise<void> {
      const done = nextLine();
      child.stdin.write(`${on ? 'tracked' : 'untracked'}\n`);
      await done;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The same GETs of a container's page, straight to its published port (the
 * floor), through the embedded proxy in a process of its own, through
 * configurable-http-proxy (the proxy it replaces) and, where nginx is
 * installed, through nginx as a reference; rounds alternate so that every
 * side sees the same machine. Then the embedded proxy with its activity
 * recording (as the app runs it) and without, loaded at once.
 */
export async function benchProxy() {
  const engine = await benchEngine('proxy');
  const manager = new ContainerManager({
    docker: engine.docker,
    ip: engine.ip,
    realm: engine.realm,
  });
  try {
    const { container } = await manager.startContainer({
      user: 'bench',
      image: IMAGES.webapp,
      mappingId: 'bench',
    });
    const target = `http://${container.ip}:${container.port}`;
    const path = `${container.urlpath}/`;
    await waitForHttp2xx(`${target}${path}`, { timeoutMs: 20_000 });
    const proxy = await startProxyChild(container.urlpath, target);
    // A second one, for the proxy with its activity recording against the same without.
    const twin = await startProxyChild(container.urlpath, target);
    const chp = await startChpReference(container.urlpath, target);
    const nginx = await startNginxReference(container.urlpath, target);
    try {
      // Where the CPU goes, per request: the processes below share the machine's cores.
      const appPid = (await engine.docker.getContainer(container.id).inspect()).State.Pid;
      const dockerProxy = dockerProxyPid(container.port!);
      const meters = Object.entries({
        'load generator': () => {
          const { user, system } = process.cpuUsage();
          return (user + system) / 1000;
        },
        proxy: () => processCpuMs(proxy.pid),
        'configurable-http-proxy': () => processCpuMs(chp.pid),
        ...(nginx && { nginx: () => sumCpuMs(nginx.pids()) }),
        ...(dockerProxy && { 'docker-proxy': () => processCpuMs(dockerProxy) }),
        // busybox httpd under the container's shell; it reaps a child per connection.
        app: () => sumCpuMs([appPid, ...childPids(appPid)]),
        // Everything, other work on the machine included.
        'whole machine': machineBusyMs,
      });
      const readCpuMs = () => meters.map(([, read]) => read());
      const side = (base: string) => ({
        base,
        rps: [] as number[],
        lat: [] as number[],
        cpuMs: meters.map(() => 0),
      });
      const direct = side(target);
      const proxied = side(proxy.origin);
      const viaChp = side(chp.origin);
      const reference = nginx && side(nginx.origin);
      const sides = [direct, proxied, viaChp, ...(reference ? [reference] : [])];
      for (const { base } of [...sides, { base: twin.origin }])
        await load(`${base}${path}`, CONCURRENCY, WARM_UP);
      for (let round = 0; round < ROUNDS; round++) {
        // Each side goes first in turn.
        const order = sides.map((_, i) => sides[(round + i) % sides.length]!);
        for (const side of order) {
          const before = readCpuMs();
          const run = await load(`${side.base}${path}`, CONCURRENCY, REQUESTS);
          readCpuMs().forEach((after, i) => (side.cpuMs[i]! += after - before[i]!));
          side.rps.push(run.requestsPerSecond);
          side.lat.push(...run.latenciesMs);
        }
      }
      // With and without activity recording, at once, half the clients each; the two
      // processes swap roles every round, so that what one does better than its twin cancels.
      const paired = { ratios: [[], []] as number[][], counts: [0, 0], cpuMs: [0, 0] };
      for (let round = 0; round < PAIRED_ROUNDS; round++) {
        const [tracked, untracked] = round % 2 ? [twin, proxy] : [proxy, twin];
        await tracked.track(true);
        await untracked.track(false);
        const before = [processCpuMs(tracked.pid), processCpuMs(untracked.pid)];
        const counts = await pairedLoad(
          [`${tracked.origin}${path}`, `${untracked.origin}${path}`],
          CONCURRENCY / 2,
          PAIRED_MS,
        );
        [processCpuMs(tracked.pid), processCpuMs(untracked.pid)].forEach((after, i) => {
          paired.cpuMs[i]! += after - before[i]!;
          paired.counts[i]! += counts[i]!;
        });
        paired.ratios[round % 2]!.push(counts[1] / counts[0]);
      }
      await proxy.track(true);
      const rps = {
        direct: median(direct.rps),
        proxied: median(proxied.rps),
        chp: median(viaChp.rps),
      };
      // The geometric mean of the two roles' medians.
      const trackingRatio = Math.sqrt(median(paired.ratios[0]!) * median(paired.ratios[1]!));
      const pairedUs = (i: number) => ((paired.cpuMs[i]! * 1000) / paired.counts[i]!).toFixed(0);
      const perRequestUs = (ms: number) => ((ms * 1000) / (ROUNDS * REQUESTS)).toFixed(0);
      const cpu = (...compared: Array<typeof direct>) =>
        meters
          .map(
            ([name], i) => `${name} ${compared.map((s) => perRequestUs(s.cpuMs[i]!)).join(' / ')}`,
          )
          .join(', ');
      // The machine is shared: how busy it was says how far to trust a few percent.
      const busy = `load average ${loadavg()[1]!.toFixed(1)} over the last 5 minutes on ${cpus().length} cores`;
      const note = `${ROUNDS} rounds of ${REQUESTS} GETs per side, sides alternating, ${CONCURRENCY} keep-alive clients (a browser's per-host limit); floor: the published port directly; ${busy}`;
      return {
        // Lower is better in the results table: time per request is 1 / throughput.
        'proxy-throughput': result(1000 / rps.proxied, 1000 / rps.direct, 'ms/request', 1.25, {
          note: `${rps.proxied.toFixed(0)} vs ${rps.direct.toFixed(0)} requests/s (goal ≥ 0.8x direct, i.e. ≤ 1.25x time per request); CPU µs per request, direct / proxied: ${cpu(direct, proxied)} (why the goal is out of reach on 2 cores: docs/architecture.md, the proxy); ${note}`,
        }),
        'proxy-activity-cost': result(
          1000 / rps.proxied,
          1000 / rps.proxied / trackingRatio,
          'ms/request',
          1.03,
          {
            note: `the embedded proxy recording each route's activity against the same proxy without (goal: at most 3% of its throughput), both loaded at once (${CONCURRENCY / 2} keep-alive clients each) in ${PAIRED_ROUNDS} rounds of ${PAIRED_MS / 1000} s, so that both meet the same machine, two proxy processes taking the two roles in turn: the ratio (answers without / with) is the geometric mean of each process's median as the one recording, ${paired.counts[0]} and ${paired.counts[1]} answers in all; the value is the proxy's time per request alone (above); proxy CPU µs per request, with / without: ${pairedUs(0)} / ${pairedUs(1)}; ${busy}`,
          },
        ),
        'proxy-throughput-chp': result(1000 / rps.proxied, 1000 / rps.chp, 'ms/request', 1, {
          note: `the embedded proxy's throughput is ${(rps.proxied / rps.chp).toFixed(2)}x configurable-http-proxy's (goal ≥ 1.0x, i.e. ≤ 1x time per request): ${rps.proxied.toFixed(0)} vs ${rps.chp.toFixed(0)} requests/s; CHP 5.3 from npm in its own process, its defaults, the route added through its API; CPU µs per request, embedded / CHP: ${cpu(proxied, viaChp)}; ${note}`,
        }),
        ...(reference && {
          'proxy-throughput-nginx-reference': result(
            1000 / median(reference.rps),
            1000 / rps.direct,
            'ms/request',
            1.25,
            {
              note: `a reference, not the product: nginx (one worker, C) on the same path, ${median(reference.rps).toFixed(0)} requests/s; CPU µs per request, direct / embedded proxy / nginx: ${cpu(direct, proxied, reference)}; ${note}`,
            },
          ),
        }),
        'proxy-latency-p50': result(
          percentile(proxied.lat, 50),
          percentile(direct.lat, 50),
          'ms',
          2,
          { note },
        ),
        'proxy-latency-p99': result(
          percentile(proxied.lat, 99),
          percentile(direct.lat, 99),
          'ms',
          2,
          { note },
        ),
      };
    } finally {
      await proxy.stop();
      await twin.stop();
      await chp.stop();
      await nginx?.stop();
    }
  } finally {
    await engine.cleanup();
  }
}
