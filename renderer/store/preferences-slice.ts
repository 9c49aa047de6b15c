import type { StateCreator } from 'zustand';
import type { AppState } from './app-state';

export const COLUMNS = [
  'user',
  'application',
  'engine',
  'state',
  'cpu',
  'memory',
  'uptime',
  'lastActive',
  'url',
] as const;
export type ColumnId = (typeof COLUMNS)[number];
export type Theme = 'light' | 'dark';

/** Columns of resource use, whose first sort puts the heaviest first. */
const HEAVIEST_FIRST: ColumnId[] = ['cpu', 'memory'];

export interface Preferences {
  theme: Theme;
  sort: { column: ColumnId; descending: boolean };
  groupByUser: boolean;
  /** Columns shown in the containers table. */
  columns: Record<ColumnId, boolean>;
}

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'light',
  sort: { column: 'user', descending: false },
  groupByUser: false,
  columns: {
    user: true,
    application: true,
    engine: true,
    state: true,
    cpu: true,
    memory: true,
    uptime: true,
    lastActive: true,
    url: true,
  },
};

/** What narrows the table; not persisted: a restart shows everything again. */
export interface Filters {
  search: string;
  states: string[];
  engines: string[];
  applications: string[];
  /** Running containers not used through the proxy for more than these seconds; null: all. */
  idleFor: number | null;
}

export const NO_FILTERS: Filters = {
  search: '',
  states: [],
  engines: [],
  applications: [],
  idleFor: null,
};

export interface PreferencesSlice {
  preferences: Preferences;
  filters: Filters;
  setTheme(theme: Theme): void;
  /** Sorting by the current column flips the direction; CPU and memory start heaviest first. */
  sortBy(column: ColumnId): void;
  setGroupByUser(on: boolean): void;
  setColumnShown(column: ColumnId, shown: boolean): void;
  setFilters(patch: Partial<Filters>): void;
}

export const createPreferencesSlice: StateCreator<AppState, [], [], PreferencesSlice> = (set) => {
  const patch = (p: Partial<Preferences>) =>
    set((s) => ({ preferences: { ...s.preferences, ...p } }));
  return {
    preferences: DEFAULT_PREFERENCES,
    filters: NO_FILTERS,
    setTheme: (theme) => patch({ theme }),
    sortBy: (column) =>
      set((s) => {
        const current = s.preferences.sort;
        const descending =
          current.column === column ? !current.descending : HEAVIEST_FIRST.includes(column);
        return { preferences: { ...s.preferences, sort: { column, descending } } };
      }),
    setGroupByUser: (groupByUser) => patch({ groupByUser }),
    setColumnShown: (column, shown) =>
      set((s) => ({
        preferences: { ...s.preferences, columns: { ...s.preferences.columns, [column]: shown } },
      })),
    setFilters: (p) => set((s) => ({ filters: { ...s.filters, ...p } })),
  };
};
