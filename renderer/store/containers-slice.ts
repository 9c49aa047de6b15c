import type { StateCreator } from 'zustand';
import type { EventPayload, Response } from '../../src-core/api/contract';
import type { ContainerView } from '../../src-core/api/containers';
import type { ErrorPayload } from '../../src-core/api/errors';
import type { AppState } from './app-state';
import { containerKey, type ContainerKey } from './container-key';

export type ContainerChange = EventPayload<'containers.changed'>;
export type ActivityChange = EventPayload<'containers.activity'>['changes'][number];

export interface ContainersSlice {
  /** Normalised by (engine id, container id); a change replaces one entry only. */
  containers: Record<ContainerKey, ContainerView>;
  /** Why an engine's list could not be read; its last known rows stay, marked stale. */
  listErrors: Record<string, ErrorPayload>;
  selection: Record<ContainerKey, true>;
  /** The container whose details are open. */
  focused: ContainerKey | null;
  /** The host could not be asked at all (the first listing failed). */
  loadError: ErrorPayload | null;
  setLoadError(error: ErrorPayload | null): void;
  loadListing(listing: Response<'containers.list'>): void;
  applyChange(change: ContainerChange): void;
  /** Patches the rows whose last activity moved on; the others stay the same objects. */
  applyActivity(changes: ActivityChange[]): void;
  toggleSelected(key: ContainerKey): void;
  setSelection(keys: ContainerKey[]): void;
  focus(key: ContainerKey | null): void;
}

export const createContainersSlice: StateCreator<AppState, [], [], ContainersSlice> = (set) => ({
  containers: {},
  listErrors: {},
  selection: {},
  focused: null,
  loadError: null,
  setLoadError: (loadError) => set({ loadError }),
  loadListing: (listing) =>
    set((s) => {
      const containers = { ...s.containers };
      const listErrors = { ...s.listErrors };
      for (const { engine, containers: list, error } of listing.engines) {
        if (error) {
          // Keep what was known: an engine that cannot answer is never an empty list.
          listErrors[engine] = error;
          continue;
        }
        delete listErrors[engine];
        for (const key of Object.keys(containers) as ContainerKey[])
          if (containers[key]!.engine === engine) delete containers[key];
        for (const c of list) containers[containerKey(engine, c.id)] = c;
      }
      return { containers, listErrors, selection: pruneSelection(s.selection, containers) };
    }),
  applyChange: (change) =>
    set((s) => {
      if (change.kind === 'removed') {
        const key = containerKey(change.engine, change.id);
        if (!(key in s.containers)) return {};
        const containers = { ...s.containers };
        delete containers[key];
        const selection =
          key in s.selection ? pruneSelection(s.selection, containers) : s.selection;
        return { containers, selection, focused: s.focused === key ? null : s.focused };
      }
      const key = containerKey(change.engine, change.container.id);
      return { containers: { ...s.containers, [key]: change.container } };
    }),
  applyActivity: (changes) =>
    set((s) => {
      let containers = s.containers;
      for (const { engine, id, lastActivity } of changes) {
        const key = containerKey(engine, id);
        const c = containers[key];
        if (!c || c.lastActivity === lastActivity) continue;
        if (containers === s.containers) containers = { ...s.containers };
        containers[key] = { ...c, lastActivity };
      }
      return containers === s.containers ? {} : { containers };
    }),
  toggleSelected: (key) =>
    set((s) => {
      const selection = { ...s.selection };
      if (selection[key]) delete selection[key];
      else selection[key] = true;
      return { selection };
    }),
  setSelection: (keys) => set({ selection: Object.fromEntries(keys.map((k) => [k, true])) }),
  focus: (key) => set({ focused: key }),
});

function pruneSelection(
  selection: Record<ContainerKey, true>,
  containers: Record<ContainerKey, ContainerView>,
): Record<ContainerKey, true> {
  const kept = Object.fromEntries(
    Object.keys(selection)
      .filter((k) => k in containers)
      .map((k) => [k, true as const]),
  );
  return Object.keys(kept).length === Object.keys(selection).length ? selection : kept;
}
