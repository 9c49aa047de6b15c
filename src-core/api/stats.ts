import { z } from 'zod';
import { call, event } from './define';
import { callerId, engineId } from './fields';

/** How often a watch samples, in seconds: its own setting, within these bounds. */
export const STATS_INTERVAL = { defaultSeconds: 2, minSeconds: 0.5, maxSeconds: 60 } as const;

/**
 * One running realm container's resource use, as `docker stats` computes it.
 * CPU and network are over the time since its previous sample, so a
 * container appears from its second sample on (one interval after it is
 * first seen running).
 */
export const containerSample = z.object({
  engine: z.string(),
  id: z.string(),
  /** 100 is one CPU fully used: a container busy on two CPUs reads 200. */
  cpuPercent: z.number(),
  /** In use, less the inactive file cache (which the kernel reclaims first). */
  memoryBytes: z.number(),
  /** The container's memory limit; the engine's memory when it has none. */
  memoryLimitBytes: z.number(),
  netRxBytesPerSecond: z.number(),
  netTxBytesPerSecond: z.number(),
  /** Since the container started. */
  blockReadBytes: z.number(),
  blockWriteBytes: z.number(),
  /** When the engine answered, ms since the epoch (this machine's clock). */
  at: z.number(),
});

/** One engine's realm containers together, against the engine's capacity. */
export const engineSample = z.object({
  engine: z.string(),
  /** The engine's CPUs: its capacity is `cpus * 100` in `cpuPercent`'s unit. */
  cpus: z.number().int(),
  memTotalBytes: z.number(),
  /** The sum of its containers' `cpuPercent` (100 is one CPU). */
  cpuPercent: z.number(),
  memoryBytes: z.number(),
  /** How many containers the sums cover. */
  containers: z.number().int(),
});

/**
 * One interval's samples for one watch. `engines` has every engine sampled in
 * this round (connected), with zero sums when it runs none of the realm's
 * containers; an engine not connected is absent (its state comes with
 * `engines.changed`).
 */
export const statsBatch = z.object({
  watchId: z.string(),
  at: z.number(),
  containers: z.array(containerSample),
  engines: z.array(engineSample),
});

export type ContainerSample = z.infer<typeof containerSample>;
export type EngineSample = z.infer<typeof engineSample>;
export type StatsBatch = z.infer<typeof statsBatch>;

const { minSeconds, maxSeconds, defaultSeconds } = STATS_INTERVAL;

export const calls = {
  /**
   * Starts sampling the realm's running containers (of `engine`, else of
   * every engine) every `intervalSeconds`: each round arrives as one
   * `stats.samples` event carrying `watchId` (chosen by the caller, so that it
   * can listen first), to this session only, until `stats.unwatch` or the
   * session's end. The first arrives one interval after the call. A watch id
   * in use in this session is CONFLICT.
   */
  'stats.watch': call(
    z.strictObject({
      watchId: callerId,
      engine: engineId.optional(),
      intervalSeconds: z
        .number()
        .min(minSeconds, `must be at least ${minSeconds}`)
        .max(maxSeconds, `must be at most ${maxSeconds}`)
        .default(defaultSeconds),
    }),
    z.object({ intervalSeconds: z.number() }),
  ),
  'stats.unwatch': call(z.strictObject({ watchId: callerId }), z.object({ stopped: z.boolean() })),
};

export const events = {
  'stats.samples': event(statsBatch),
};
