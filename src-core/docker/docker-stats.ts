import type Docker from 'dockerode';

/** The parts of `GET /containers/{id}/stats` that `docker stats` reads (Linux, cgroup v1 or v2). */
export interface DockerStats {
  /** When the daemon read the cgroup; `0001-01-01T00:00:00Z` for a container not running. */
  read: string;
  cpu_stats: {
    cpu_usage: { total_usage: number; percpu_usage?: number[] | null };
    /** The host's CPU time in ns (all CPUs); absent for a container not running. */
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  memory_stats: {
    usage?: number;
    limit?: number;
    /** memory.stat: cgroup v1 has `total_inactive_file`, cgroup v2 `inactive_file`. */
    stats?: Record<string, number>;
  };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op: string; value: number }> | null };
}

/**
 * One sample, now. `one-shot` (API 1.41) answers at once with the current
 * counters and no `precpu_stats`; without it, `stream=false` holds the
 * request until the daemon's collector has read twice (about 1 s, up to 2 s),
 * which at 200 containers would keep hundreds of requests waiting per round.
 * The caller keeps the previous sample and computes rates itself.
 */
export async function oneShotStats(
  docker: Docker,
  id: string,
  signal: AbortSignal,
): Promise<DockerStats> {
  // dockerode passes `abortSignal` on to the request, though its types do not list it.
  const options = { stream: false, 'one-shot': true, abortSignal: signal } as { stream: false };
  return (await docker.getContainer(id).stats(options)) as unknown as DockerStats;
}
