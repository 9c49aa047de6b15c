import type { StateCreator } from 'zustand';
import type { EngineStatusView, NotLoadedEngineView } from '../../src-core/api/engines';
import type { AppState } from './app-state';

export interface EnginesSlice {
  /** By engine id, in the order the host listed them. */
  engines: Record<string, EngineStatusView>;
  engineOrder: string[];
  setEngines(list: EngineStatusView[]): void;
  /** One engine's state changed: patch it (or add it). */
  patchEngine(status: EngineStatusView): void;
  forgetEngine(id: string): void;
  /** Saved engines the host could not add, with the reason; replaced whole, as the host sends them. */
  notLoaded: NotLoadedEngineView[];
  setNotLoaded(list: NotLoadedEngineView[]): void;
  /** The realm the host works on, on every engine; null until the host said. */
  realm: string | null;
  setRealm(realm: string): void;
}

export const createEnginesSlice: StateCreator<AppState, [], [], EnginesSlice> = (set) => ({
  engines: {},
  engineOrder: [],
  setEngines: (list) =>
    set({
      engines: Object.fromEntries(list.map((e) => [e.id, e])),
      engineOrder: list.map((e) => e.id),
    }),
  patchEngine: (status) =>
    set((s) => ({
      engines: { ...s.engines, [status.id]: status },
      engineOrder: s.engineOrder.includes(status.id)
        ? s.engineOrder
        : [...s.engineOrder, status.id],
    })),
  forgetEngine: (id) =>
    set((s) => {
      const engines = { ...s.engines };
      delete engines[id];
      return { engines, engineOrder: s.engineOrder.filter((e) => e !== id) };
    }),
  notLoaded: [],
  setNotLoaded: (notLoaded) => set({ notLoaded }),
  realm: null,
  setRealm: (realm) => set({ realm }),
});

/** Rows of an engine that is not connected are shown stale: last known, not current. */
export function isStale(state: Pick<AppState, 'engines'>, engine: string): boolean {
  return state.engines[engine]?.state !== 'connected';
}
