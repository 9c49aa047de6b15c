import type { ContainerView } from '../../src-core/api/containers';

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
    });
  }
  return engines;
}
