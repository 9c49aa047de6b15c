import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/store/app-store';
import { container, memoryStorage } from './fixtures';

const now = Date.now();
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
const createdAgo = (seconds: number) => Math.floor((now - seconds * 1000) / 1000);

/** A realm whose containers were last used through the proxy at different times. */
function store() {
  const s = createAppStore(memoryStorage());
  s.getState().loadListing({
    engines: [
      {
        engine: 'local',
        containers: [
          container('local', 'ann', { created: createdAgo(9000), lastActivity: ago(60) }),
          container('local', 'bob', { created: createdAgo(9000), lastActivity: ago(7200) }),
          // Never used through the proxy: idle since it was made.
          container('local', 'cid', { created: createdAgo(3000), lastActivity: null }),
          container('local', 'dan', {
            created: createdAgo(9000),
            lastActivity: ago(8000),
            state: 'exited',
            url: null,
          }),
        ],
      },
    ],
  });
  return s;
}

describe('the last active column', () => {
  it('sorts the longest idle first, counting a container never used from its creation', () => {
    const s = store();
    s.getState().sortBy('lastActive');
    expect(s.derived.tableItems(s.getState())).toEqual([
      'local/dan',
      'local/bob',
      'local/cid',
      'local/ann',
    ]);
  });

  it('filters the running containers idle for more than a time', () => {
    const s = store();
    s.getState().setFilters({ idleFor: 3600 });
    expect(s.derived.tableItems(s.getState())).toEqual(['local/bob']);
    s.getState().setFilters({ idleFor: 15 * 60 });
    expect(s.derived.tableItems(s.getState())).toEqual(['local/bob', 'local/cid']);
    s.getState().setFilters({ idleFor: null });
    expect(s.derived.tableItems(s.getState())).toHaveLength(4);
  });

  it('takes activity events into the rows they name, and a used container leaves the idle filter', () => {
    const s = store();
    s.getState().setFilters({ idleFor: 3600 });
    const ann = s.getState().containers['local/ann'];
    const used = new Date(now).toISOString();
    s.getState().applyActivity([
      { engine: 'local', id: 'bob', lastActivity: used },
      { engine: 'local', id: 'gone', lastActivity: used },
    ]);
    expect(s.getState().containers['local/bob']!.lastActivity).toBe(used);
    expect(s.getState().containers['local/ann']).toBe(ann);
    expect(s.derived.tableItems(s.getState())).toEqual([]);
  });
});
