import { describe, expect, it } from 'vitest';
import { shallow } from 'zustand/shallow';
import { createAppStore } from '../../../renderer/store/app-store';
import { GROUP } from '../../../renderer/store/visible-rows';
import { container, memoryStorage } from './fixtures';

function store() {
  const s = createAppStore(memoryStorage());
  s.getState().loadListing({
    engines: [
      {
        engine: 'local',
        containers: [
          container('local', 'carol', { created: 3 }),
          container('local', 'alice', { created: 1, state: 'exited', url: null }),
          container('local', 'bob', { created: 2, image: 'other:1', imageId: 'sha256:bbb' }),
        ],
      },
      { engine: 'gpu', containers: [container('gpu', 'alice', { created: 4 })] },
    ],
  });
  s.getState().loadImages({
    engines: [
      {
        engine: 'local',
        images: [
          {
            id: 'sha256:aaa',
            name: 'gpuapp-test/labeled-app:1',
            uiName: 'Test Web App',
            icon128: '',
            description: '',
            type: 'webapp',
            env: {},
            configurables: [],
          },
        ],
      },
    ],
  });
  return s;
}

describe('the table lines', () => {
  it('sort by user by default, and flip direction when the same column is chosen again', () => {
    const s = store();
    expect(s.derived.tableItems(s.getState())).toEqual([
      'gpu/alice',
      'local/alice',
      'local/bob',
      'local/carol',
    ]);
    s.getState().sortBy('user');
    expect(s.derived.tableItems(s.getState())).toEqual([
      'local/carol',
      'local/bob',
      'gpu/alice',
      'local/alice',
    ]);
  });

  it('sort by uptime (creation time) and by application name from the image labels', () => {
    const s = store();
    s.getState().sortBy('uptime');
    expect(s.derived.tableItems(s.getState())).toEqual([
      'local/alice',
      'local/bob',
      'local/carol',
      'gpu/alice',
    ]);
    s.getState().sortBy('application');
    // "other:1" sorts before "test web app" (the labeled image's ui_name).
    expect(s.derived.tableItems(s.getState())[0]).toBe('local/bob');
  });

  it('search across user, application name and engine', () => {
    const s = store();
    s.getState().setFilters({ search: 'test web' });
    expect(s.derived.tableItems(s.getState())).toEqual(['gpu/alice', 'local/alice', 'local/carol']);
    s.getState().setFilters({ search: 'GPU' });
    expect(s.derived.tableItems(s.getState())).toEqual(['gpu/alice']);
  });

  it('filter by state, engine and application', () => {
    const s = store();
    s.getState().setFilters({ states: ['exited'] });
    expect(s.derived.tableItems(s.getState())).toEqual(['local/alice']);
    s.getState().setFilters({ states: [], engines: ['gpu'] });
    expect(s.derived.tableItems(s.getState())).toEqual(['gpu/alice']);
    s.getState().setFilters({ engines: [], applications: ['other:1'] });
    expect(s.derived.tableItems(s.getState())).toEqual(['local/bob']);
  });

  it('group by user with one header per user', () => {
    const s = store();
    s.getState().setGroupByUser(true);
    expect(s.derived.tableItems(s.getState())).toEqual([
      `${GROUP}alice`,
      'gpu/alice',
      'local/alice',
      `${GROUP}bob`,
      'local/bob',
      `${GROUP}carol`,
      'local/carol',
    ]);
  });

  it('stay the same array after a change that moves no line, so the table does not re-render', () => {
    const s = store();
    const before = s.derived.tableItems(s.getState());
    s.getState().applyChange({
      engine: 'local',
      kind: 'changed',
      container: container('local', 'bob', {
        created: 2,
        image: 'other:1',
        imageId: 'sha256:bbb',
        state: 'exited',
      }),
    });
    expect(s.derived.tableItems(s.getState())).toBe(before);
    s.getState().applyChange({
      engine: 'local',
      kind: 'added',
      container: container('local', 'aaron'),
    });
    expect(shallow(s.derived.tableItems(s.getState()), before)).toBe(false);
    expect(s.derived.tableItems(s.getState())[0]).toBe('local/aaron');
  });

  it('move a line when its change moves it in the sort or out of the filter', () => {
    const s = store();
    s.getState().sortBy('state');
    expect(s.derived.tableItems(s.getState())).toEqual([
      'local/alice',
      'gpu/alice',
      'local/bob',
      'local/carol',
    ]);
    s.getState().applyChange({
      engine: 'local',
      kind: 'changed',
      container: container('local', 'carol', { created: 3, state: 'exited', url: null }),
    });
    expect(s.derived.tableItems(s.getState())).toEqual([
      'local/alice',
      'local/carol',
      'gpu/alice',
      'local/bob',
    ]);
    s.getState().setFilters({ states: ['running'] });
    expect(s.derived.tableItems(s.getState())).toEqual(['gpu/alice', 'local/bob']);
    s.getState().applyChange({
      engine: 'gpu',
      kind: 'changed',
      container: container('gpu', 'alice', { created: 4, state: 'exited', url: null }),
    });
    expect(s.derived.tableItems(s.getState())).toEqual(['local/bob']);
  });

  it('keep their memo per store: another store asking in between recomputes nothing', () => {
    const a = store();
    const b = store();
    const lines = a.derived.tableItems(a.getState());
    const apps = a.derived.applicationNames(a.getState());
    b.derived.tableItems(b.getState());
    b.derived.applicationNames(b.getState());
    expect(a.derived.tableItems(a.getState())).toBe(lines);
    expect(a.derived.applicationNames(a.getState())).toBe(apps);
  });
});
