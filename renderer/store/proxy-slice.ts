import type { StateCreator } from 'zustand';
import type { EventPayload } from '../../src-core/api/contract';
import type { AppState } from './app-state';
import { containerKey, type ContainerKey } from './container-key';

export type Readiness = NonNullable<EventPayload<'proxy.readiness'>['readiness']>;

export interface ProxySlice {
  /** Whether each container's app answers through the proxy yet; absent once nobody waits. */
  readiness: Record<ContainerKey, Readiness>;
  /** Records the readiness, and patches the container's URL in (it has one once routed). */
  applyReadiness(event: EventPayload<'proxy.readiness'>): void;
}

export const createProxySlice: StateCreator<AppState, [], [], ProxySlice> = (set) => ({
  readiness: {},
  applyReadiness: (event) =>
    set((s) => {
      const key = containerKey(event.engine, event.id);
      const patch: Partial<AppState> = {};
      if (s.readiness[key] !== (event.readiness ?? undefined)) {
        const readiness = { ...s.readiness };
        if (event.readiness) readiness[key] = event.readiness;
        else delete readiness[key];
        patch.readiness = readiness;
      }
      const c = s.containers[key];
      if (c && c.url !== event.url)
        patch.containers = { ...s.containers, [key]: { ...c, url: event.url } };
      return patch;
    }),
});
