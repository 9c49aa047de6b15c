import { describe, expect, it } from 'vitest';
import { containerChange } from '../../../src-core/api/containers';
import { createAppStore } from '../../../renderer/store/app-store';
import { container, memoryStorage } from './fixtures';

function storeWith(...engines: Array<[string, string[]]>) {
  const store = createAppStore(memoryStorage());
  store.getState().loadListing({
    engines: engines.map(([engine, ids]) => ({
      engine,
      containers: ids.map((id) => container(engine, id)),
    })),
  });
  return store;
}

describe('containers slice', () => {
  it('is normalised by (engine, container id): the same id on two engines is two rows', () => {
    const store = storeWith(['local', ['alice', 'bob']], ['remote', ['alice']]);
    expect(Object.keys(store.getState().containers).sort()).toEqual([
      'local/alice',
      'local/bob',
      'remote/alice',
    ]);
  });

  it('patches one container on a change and leaves every other entry as it was', () => {
    const store = storeWith(['local', ['alice', 'bob', 'carol']]);
    const before = store.getState().containers;
    store.getState().applyChange(
      containerChange.parse({
        engine: 'local',
        kind: 'changed',
        container: container('local', 'bob', {
          state: 'exited',
          status: 'Exited (137)',
          url: null,
        }),
      }),
    );
    const after = store.getState().containers;
    expect(after['local/bob']!.state).toBe('exited');
    expect(after['local/alice']).toBe(before['local/alice']);
    expect(after['local/carol']).toBe(before['local/carol']);
  });

  it('adds a container that appears and drops one that is removed, with its selection and focus', () => {
    const store = storeWith(['local', ['alice']]);
    store
      .getState()
      .applyChange({ engine: 'local', kind: 'added', container: container('local', 'dave') });
    expect(store.getState().containers['local/dave']!.user).toBe('dave');
    store.getState().setSelection(['local/alice', 'local/dave']);
    store.getState().focus('local/dave');
    store.getState().applyChange({ engine: 'local', kind: 'removed', id: 'dave' });
    expect(store.getState().containers['local/dave']).toBeUndefined();
    expect(store.getState().selection).toEqual({ 'local/alice': true });
    expect(store.getState().focused).toBeNull();
  });

  it('ignores the removal of a container it never had without touching the state', () => {
    const store = storeWith(['local', ['alice']]);
    const before = store.getState();
    store.getState().applyChange({ engine: 'local', kind: 'removed', id: 'nobody' });
    expect(store.getState().containers).toBe(before.containers);
  });

  it('keeps the last known rows of an engine whose listing failed, and records why', () => {
    const store = storeWith(['local', ['alice']], ['remote', ['bob']]);
    store.getState().loadListing({
      engines: [
        { engine: 'local', containers: [container('local', 'alice'), container('local', 'eve')] },
        {
          engine: 'remote',
          containers: [],
          error: {
            code: 'ENGINE_UNREACHABLE',
            message: 'remote: connect ECONNREFUSED',
            details: {},
          },
        },
      ],
    });
    const s = store.getState();
    expect(s.containers['remote/bob']).toBeDefined();
    expect(s.listErrors.remote?.code).toBe('ENGINE_UNREACHABLE');
    expect(Object.keys(s.containers).sort()).toEqual(['local/alice', 'local/eve', 'remote/bob']);
  });

  it("replaces only the listed engine's rows when one engine is listed again", () => {
    const store = storeWith(['local', ['alice', 'bob']], ['remote', ['carol']]);
    store
      .getState()
      .loadListing({ engines: [{ engine: 'local', containers: [container('local', 'bob')] }] });
    expect(Object.keys(store.getState().containers).sort()).toEqual(['local/bob', 'remote/carol']);
  });

  it('toggles selection one row at a time', () => {
    const store = storeWith(['local', ['alice', 'bob']]);
    store.getState().toggleSelected('local/alice');
    store.getState().toggleSelected('local/bob');
    store.getState().toggleSelected('local/alice');
    expect(store.getState().selection).toEqual({ 'local/bob': true });
  });
});
