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
 * One sample, without the previous one (`precpu_stats` empty): the caller
 * keeps its own previous sample and computes rates itself. Without
 * `one-shot`, `stream=false` waits for two of the daemon's collections (one
 * a second) to fill `precpu_stats`, 1 to 2 s per request. With it, Engine
 * 20.10 answers from its next collection, within a second, every request
 * waiting at once; from Engine 25 it reads the cgroup there and then
 * (moby 95aea39, "Make one-shot stats faster").
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
