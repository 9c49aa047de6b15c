import type { RealmContainer } from '../../src-core/realm/container';

/** A running realm container made by hand, for tests that need no engine. */
export function realmContainer(id: string, over: Partial<RealmContainer> = {}): RealmContainer {
  const user = over.user ?? 'ann';
  return {
    id,
    name: `remoteexec-${user}-m-${id}`,
    image: 'app',
    imageId: 'sha256:app',
    user,
    mappingId: 'm',
    urlId: `u${id}`,
    urlpath: `/user/${user}/containers/u${id}`,
    realm: 'remoteexec',
    ip: '127.0.0.1',
    port: 32768,
    state: 'running',
    status: 'Up 2 seconds',
    created: 1_700_000_000,
    ...over,
  };
}
