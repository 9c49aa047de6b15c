import { StatsLoop, type SampleBatch, type StatsTargets } from './stats-loop';

export type { SampleBatch, StatsTarget, StatsTargets } from './stats-loop';

export interface StatsWatch {
  /** Only this engine's containers; every engine's when absent. */
  engine?: string;
  intervalMs: number;
}

/**
 * Resource sampling, only while someone watches. Watches of one interval
 * share one loop, so that two views of the same containers cost one round of
 * requests, not two.
 */
export class StatsSampler {
  private readonly loops = new Map<number, StatsLoop>();

  constructor(
    private readonly targets: StatsTargets,
    /**
     * Stats requests in flight at once, per engine. Before Engine 25 a one-shot
     * request waits for the daemon's next collection, once a second, which
     * answers every request waiting: a round of up to this many containers
     * takes one collection, where 8 at a time would take one per 8.
     */
    private readonly concurrency = 256,
  ) {}

  /** Sends `listener` a batch every interval; returns the function that stops it. */
  watch({ engine, intervalMs }: StatsWatch, listener: (batch: SampleBatch) => void): () => void {
    let loop = this.loops.get(intervalMs);
    if (!loop) {
      const created = new StatsLoop(this.targets, intervalMs, this.concurrency, () => {
        if (this.loops.get(intervalMs) === created) this.loops.delete(intervalMs);
      });
      this.loops.set(intervalMs, created);
      loop = created;
    }
    return loop.add(engine, listener);
  }

  /** Stops every watch. */
  close(): void {
    for (const loop of this.loops.values()) loop.stop();
    this.loops.clear();
  }
}
