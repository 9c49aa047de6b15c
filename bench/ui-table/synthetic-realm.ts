import type { ContainerView } from '../../src-core/api/containers';
import type { StatsBatch } from '../../src-core/api/stats';

/** `count` containers as the host would list them: 10 per user, on two engines. */
export function syntheticRealm(count: number): Record<string, ContainerView[]> {
  const engines: Record<string, ContainerView[]> = { local: [], remote: [] };
  for (let i = 0; i < count; i++) {
    const engine = i % 2 ? 'remote' : 'local';
    const user = `user${String(Math.floor(i / 10)).padStart(4, '0')}`;
    const urlId = i.toString(16).padStart(32, '0');
    engines[engine]!.push({
      engine,
      id: `c${i.toString(16).padStart(63, '0')}`,
      name: `remoteexec-${user}-app${i % 10}-abcdefghij`,
      image: `simphony/app-${i % 10}:latest`,
      imageId: `sha256:${i % 10}`,
      user,
      mappingId: `app${i % 10}`,
      urlId,
      urlpath: `/user/${user}/containers/${urlId}`,
      realm: 'remoteexec',
      ip: '127.0.0.1',
      port: 30000 + (i % 30000),
      state: i % 7 ? 'running' : 'exited',
      status: 'Up 5 minutes',
      created: 1_790_000_000 + i,
      url: `http://127.0.0.1:8470/user/${user}/containers/${urlId}/`,
      lastActivity: i % 3 ? new Date((1_790_000_600 + i) * 1000).toISOString() : null,
      node: null,
      service: null,
    });
  }
  return engines;
}

/**
 * One `stats.samples` batch at `at` for the running ones of `containers`, as
 * real ones read: each keeps its own level (one in 17 busy, from 30% to 100%;
 * the others idle, 0 to 1.4%) with a little noise from one batch to the next.
 */
export function syntheticStats(
  containers: ContainerView[],
  at: number,
): Pick<StatsBatch, 'containers' | 'engines'> {
  const running = containers.filter((c) => c.state === 'running');
  return {
    containers: running.map((c, i) => ({
      engine: c.engine,
      id: c.id,
      cpuPercent: Math.max(0, (i % 17 ? (i % 10) / 10 : 30 + ((i * 7) % 70)) + Math.random() - 0.5),
      memoryBytes: (40 + (i % 50) + Math.random()) * 1024 * 1024,
      memoryLimitBytes: 16 * 1024 ** 3,
      netRxBytesPerSecond: Math.random() * 4096,
      netTxBytesPerSecond: Math.random() * 1024,
      blockReadBytes: 0,
      blockWriteBytes: 0,
      at,
    })),
    engines: ['local', 'remote'].map((engine) => ({
      engine,
      cpus: 64,
      memTotalBytes: 512 * 1024 ** 3,
      cpuPercent: 0,
      memoryBytes: 0,
      containers: 0,
    })),
  };
}
