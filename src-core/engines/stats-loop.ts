import pLimit from 'p-limit';
import type { ContainerSample, EngineSample } from '../api/stats';
import type { DockerStats } from '../docker/docker-stats';
import { isRunningSample, statsReading } from './container-stats';

/** One connected engine as the sampler reads it. */
export interface StatsTarget {
  engine: string;
  cpus: number;
  memTotalBytes: number;
  /** Its realm containers running now, from the live mirror (no Docker call). */
  running: string[];
  /** How long one stats request may go unanswered before it is given up. */
  timeoutMs: number;
  /** One sample of a container, now; rejects when the engine does not give one. */
  stats(id: string, signal: AbortSignal): Promise<DockerStats>;
}

/** Where the engines to sample come from (the registry). */
export interface StatsTargets {
  statsTargets(): StatsTarget[];
}

/** One round's readings: the containers that have a previous sample, and each engine's sums. */
export interface SampleBatch {
  at: number;
  containers: ContainerSample[];
  engines: EngineSample[];
}

interface Watcher {
  /** Only this engine's part of each batch; every engine's when absent. */
  engine: string | undefined;
  listener: (batch: SampleBatch) => void;
}

/**
 * Sampling at one interval for the watchers that chose it: a round of
 * one-shot stats per interval (bounded in flight per engine), each reading
 * taken against the container's sample of the round before. A container is
 * sampled while the mirror shows it running, so its sampling stops with it.
 * The first round only primes; batches go out from the second on.
 */
export class StatsLoop {
  private readonly watchers = new Set<Watcher>();
  private previous = new Map<string, DockerStats>();
  private primed = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  /** A controller per request, its timer cleared by the answer (a timeout signal fires anyway, later). */
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly targets: StatsTargets,
    private readonly intervalMs: number,
    private readonly concurrency: number,
    /** Called once the last watcher has gone; the loop is then done. */
    private readonly onIdle: () => void,
  ) {}

  /** Adds a watcher (starting the loop with the first); returns the function that removes it. */
  add(engine: string | undefined, listener: (batch: SampleBatch) => void): () => void {
    const watcher = { engine, listener };
    this.watchers.add(watcher);
    if (this.watchers.size === 1) void this.round();
    return () => {
      if (!this.watchers.delete(watcher) || this.watchers.size > 0) return;
      this.stop();
      this.onIdle();
    };
  }

  /** Nobody looks: no timer, and no request left in flight. */
  stop(): void {
    this.stopped = true;
    this.watchers.clear();
    if (this.timer) clearTimeout(this.timer);
    for (const request of this.inFlight) request.abort();
  }

  /** The engines some watcher wants; null for all of them. */
  private wanted(): Set<string> | null {
    const engines = new Set<string>();
    for (const { engine } of this.watchers) {
      if (engine === undefined) return null;
      engines.add(engine);
    }
    return engines;
  }

  private async round(): Promise<void> {
    const started = performance.now();
    const wanted = this.wanted();
    const targets = this.targets.statsTargets().filter((t) => !wanted || wanted.has(t.engine));
    const samples = new Map<string, DockerStats>();
    const containers: ContainerSample[] = [];
    const engines = await Promise.all(
      targets.map((target) => this.sampleEngine(target, samples, containers)),
    );
    if (this.stopped) return;
    // Containers not sampled this time (stopped, gone) start again from a first sample.
    this.previous = samples;
    if (this.primed) this.emit({ at: Date.now(), containers, engines });
    this.primed = true;
    const wait = Math.max(0, this.intervalMs - (performance.now() - started));
    this.timer = setTimeout(() => void this.round(), wait);
  }

  /** One container's sample, or null when the engine gave none in time (stopped meanwhile, slow). */
  private async ask(target: StatsTarget, id: string): Promise<DockerStats | null> {
    // Queued when the last watcher left: not asked at all.
    if (this.stopped) return null;
    const request = new AbortController();
    const timer = setTimeout(() => request.abort(), target.timeoutMs);
    this.inFlight.add(request);
    try {
      const stats = await target.stats(id, request.signal);
      return isRunningSample(stats) ? stats : null;
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(request);
    }
  }

  private async sampleEngine(
    target: StatsTarget,
    samples: Map<string, DockerStats>,
    containers: ContainerSample[],
  ): Promise<EngineSample> {
    const limit = pLimit(this.concurrency);
    const totals = { cpuPercent: 0, memoryBytes: 0, containers: 0 };
    await Promise.all(
      target.running.map((id) =>
        limit(async () => {
          const stats = await this.ask(target, id);
          if (!stats) return;
          const key = `${target.engine}/${id}`;
          samples.set(key, stats);
          const previous = this.previous.get(key);
          if (!previous) return;
          const reading = statsReading(previous, stats);
          containers.push({ engine: target.engine, id, ...reading, at: Date.now() });
          totals.cpuPercent += reading.cpuPercent;
          totals.memoryBytes += reading.memoryBytes;
          totals.containers++;
        }),
      ),
    );
    return {
      engine: target.engine,
      cpus: target.cpus,
      memTotalBytes: target.memTotalBytes,
      ...totals,
    };
  }

  private emit(batch: SampleBatch): void {
    for (const { engine, listener } of [...this.watchers]) {
      try {
        listener(
          engine === undefined
            ? batch
            : {
                at: batch.at,
                containers: batch.containers.filter((c) => c.engine === engine),
                engines: batch.engines.filter((e) => e.engine === engine),
              },
        );
      } catch (error) {
        console.error('stats listener failed:', error);
      }
    }
  }
}
