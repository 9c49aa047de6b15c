import { describe, expect, it } from 'vitest';
import { createAppStore, PREFERENCES_KEY } from '../../../renderer/store/app-store';
import { memoryStorage } from './fixtures';

describe('preferences', () => {
  it('persist columns, sort, grouping and theme, and come back in a new store', () => {
    const storage = memoryStorage();
    const first = createAppStore(storage);
    first.getState().setTheme('dark');
    first.getState().sortBy('uptime');
    first.getState().setGroupByUser(true);
    first.getState().setColumnShown('url', false);
    first.getState().setFilters({ search: 'alice' });

    const second = createAppStore(storage);
    expect(second.getState().preferences).toEqual({
      theme: 'dark',
      sort: { column: 'uptime', descending: false },
      groupByUser: true,
      columns: {
        user: true,
        application: true,
        engine: true,
        state: true,
        cpu: true,
        memory: true,
        uptime: true,
        lastActive: true,
        url: false,
      },
    });
    // Search and filters are per session.
    expect(second.getState().filters.search).toBe('');
  });

  it('persist nothing but the preferences', () => {
    const storage = memoryStorage();
    const store = createAppStore(storage);
    store.getState().setTheme('dark');
    const saved = JSON.parse(storage.data.get(PREFERENCES_KEY)!);
    expect(Object.keys(saved.state)).toEqual(['preferences']);
  });

  it('fill in columns that an older saved copy does not know', () => {
    const storage = memoryStorage();
    storage.setItem(
      PREFERENCES_KEY,
      JSON.stringify({
        state: { preferences: { theme: 'dark', columns: { url: false } } },
        version: 1,
      }),
    );
    const prefs = createAppStore(storage).getState().preferences;
    expect(prefs.theme).toBe('dark');
    expect(prefs.columns.url).toBe(false);
    expect(prefs.columns.user).toBe(true);
    expect(prefs.sort).toEqual({ column: 'user', descending: false });
  });
});
