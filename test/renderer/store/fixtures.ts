import type { StateStorage } from 'zustand/middleware';
import { containerView, type ContainerView } from '../../../src-core/api/containers';
import { engineStatus, type EngineStatusView } from '../../../src-core/api/engines';

/** Contract payloads, parsed by the contract's own schemas so that they are ones the host could send. */
export function container(
  engine: string,
  id: string,
  patch: Partial<ContainerView> = {},
): ContainerView {
  return containerView.parse({
    engine,
    id,
    name: `remoteexec-${id}-app-abcdefghij`,
    image: 'remoteapp-test/labeled-app:1',
    imageId: 'sha256:aaa',
    user: id,
    mappingId: 'app',
    urlId: `${id}0000000000000000000000000000`.slice(0, 32),
    urlpath: `/user/${id}/containers/x`,
    realm: 'remoteexec',
    ip: '127.0.0.1',
    port: 32768,
    state: 'running',
    status: 'Up 2 minutes',
    created: 1_700_000_000,
    url: `http://127.0.0.1:32768/user/${id}/containers/x/`,
    lastActivity: null,
    node: null,
    service: null,
    ...patch,
  });
}

export function engine(
  id: string,
  state: EngineStatusView['state'] = 'connected',
): EngineStatusView {
  return engineStatus.parse({
    id,
    name: id,
    endpoint: `unix:///run/${id}.sock`,
    state,
    dockerId: 'X',
    apiVersion: '1.41',
    latencyMs: 2,
    lastError: state === 'connected' ? null : 'connect ECONNREFUSED',
    since: 1_700_000_000_000,
    ip: '127.0.0.1',
    publishIp: '127.0.0.1',
  });
}

/** localStorage's contract over a Map, for Node (the app passes window.localStorage). */
export function memoryStorage(): StateStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}
