import type { DockerStats } from '../docker/docker-stats';

/**
 * What `docker stats` prints for one container, from two of its samples;
 * each step as the docker CLI computes it (cli/command/container/stats_helpers.go),
 * network as a rate over the time between the samples.
 */
export interface StatsReading {
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number;
  netRxBytesPerSecond: number;
  netTxBytesPerSecond: number;
  blockReadBytes: number;
  blockWriteBytes: number;
}

/** A stopped container's sample has no host CPU time and no memory reading. */
export function isRunningSample(stats: DockerStats): boolean {
  return Boolean(stats.cpu_stats?.system_cpu_usage) && stats.memory_stats?.usage !== undefined;
}

/**
 * The container's CPU time over the host's, times the CPUs: 100 is one CPU.
 * Online CPUs, else the per-CPU counters (absent on cgroup v2).
 */
export function cpuPercent(
  previous: DockerStats['cpu_stats'],
  current: DockerStats['cpu_stats'],
): number {
  const cpuDelta = current.cpu_usage.total_usage - previous.cpu_usage.total_usage;
  const systemDelta = (current.system_cpu_usage ?? 0) - (previous.system_cpu_usage ?? 0);
  const cpus = current.online_cpus || current.cpu_usage.percpu_usage?.length || 0;
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
}

/**
 * Usage less the inactive file cache, which the kernel reclaims first:
 * `total_inactive_file` on cgroup v1, `inactive_file` on cgroup v2.
 */
export function memoryUsed(memory: DockerStats['memory_stats']): number {
  const usage = memory.usage ?? 0;
  const v1 = memory.stats?.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = memory.stats?.inactive_file ?? 0;
  return v2 < usage ? usage - v2 : usage;
}

/** Bytes received and sent since the start, over every interface. */
export function networkBytes(networks: DockerStats['networks']): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const net of Object.values(networks ?? {})) {
    rx += net.rx_bytes;
    tx += net.tx_bytes;
  }
  return { rx, tx };
}

/** Bytes read and written since the start: `Read`/`Write` on cgroup v1, `read`/`write` on v2. */
export function blockBytes(blkio: DockerStats['blkio_stats']): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const { op, value } of blkio?.io_service_bytes_recursive ?? []) {
    const kind = op.charAt(0).toLowerCase();
    if (kind === 'r') read += value;
    else if (kind === 'w') write += value;
  }
  return { read, write };
}

/** A counter's growth per second; a counter that went back (a restart) reads 0. */
function perSecond(before: number, after: number, seconds: number): number {
  return seconds > 0 && after >= before ? (after - before) / seconds : 0;
}

/** One container's reading between its previous and current sample. */
export function statsReading(previous: DockerStats, current: DockerStats): StatsReading {
  const seconds = (Date.parse(current.read) - Date.parse(previous.read)) / 1000;
  const netBefore = networkBytes(previous.networks);
  const net = networkBytes(current.networks);
  const block = blockBytes(current.blkio_stats);
  return {
    cpuPercent: cpuPercent(previous.cpu_stats, current.cpu_stats),
    memoryBytes: memoryUsed(current.memory_stats),
    memoryLimitBytes: current.memory_stats.limit ?? 0,
    netRxBytesPerSecond: perSecond(netBefore.rx, net.rx, seconds),
    netTxBytesPerSecond: perSecond(netBefore.tx, net.tx, seconds),
    blockReadBytes: block.read,
    blockWriteBytes: block.write,
  };
}
