import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppState } from './app-state';
import { createCatalogSlice } from './catalog-slice';
import { createContainersSlice } from './containers-slice';
import { createDerived, type Derived } from './derived';
import { createEnginesSlice } from './engines-slice';
import { createImagesSlice } from './images-slice';
import { createOperationsSlice } from './operations-slice';
import { createProxySlice } from './proxy-slice';
import { createStatsSlice } from './stats-slice';
import { createPreferencesSlice, DEFAULT_PREFERENCES, type Preferences } from './preferences-slice';

/** The store, and the figures derived from it, memoised for this store alone. */
export type AppStore = StoreApi<AppState> & { derived: Derived };

/** Persist writes on every update; only a change of the preferences needs to reach storage. */
function writeOnChange(storage: StateStorage): StateStorage {
  const last = new Map<string, string>();
  return {
    getItem: (name) => storage.getItem(name),
    setItem: (name, value) => {
      if (last.get(name) === value) return;
      last.set(name, value);
      return storage.setItem(name, value);
    },
    removeItem: (name) => {
      last.delete(name);
      return storage.removeItem(name);
    },
  };
}

export const PREFERENCES_KEY = 'remoteapp-admin.preferences';

/**
 * The store, without React (views bind it with `useStore`). Only the
 * preferences are persisted, to `storage` (the browser's localStorage in the app).
 */
export function createAppStore(storage: StateStorage): AppStore {
  const store = createStore<AppState>()(
    persist(
      (...a) => ({
        ...createEnginesSlice(...a),
        ...createContainersSlice(...a),
        ...createImagesSlice(...a),
        ...createOperationsSlice(...a),
        ...createPreferencesSlice(...a),
        ...createProxySlice(...a),
        ...createCatalogSlice(...a),
        ...createStatsSlice(...a),
      }),
      {
        name: PREFERENCES_KEY,
        version: 1,
        storage: createJSONStorage(() => writeOnChange(storage)),
        partialize: (s) => ({ preferences: s.preferences }),
        // Fill in what an older saved copy lacks (a column added since, say).
        merge: (saved, current) => {
          const prefs = (saved as { preferences?: Partial<Preferences> } | undefined)?.preferences;
          if (!prefs) return current;
          return {
            ...current,
            preferences: {
              ...DEFAULT_PREFERENCES,
              ...prefs,
              columns: { ...DEFAULT_PREFERENCES.columns, ...prefs.columns },
            },
          };
        },
      },
    ),
  );
  return Object.assign(store, { derived: createDerived() });
}
