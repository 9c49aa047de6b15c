import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/store/app-store';
import { isStale } from '../../../renderer/store/engines-slice';
import { engine, memoryStorage } from './fixtures';

describe('engines slice', () => {
  it("patches one engine's state, and its rows are stale until it is connected again", () => {
    const store = createAppStore(memoryStorage());
    store.getState().setEngines([engine('local'), engine('remote')]);
    expect(isStale(store.getState(), 'remote')).toBe(false);
    const local = store.getState().engines.local;
    store.getState().patchEngine(engine('remote', 'reconnecting'));
    expect(isStale(store.getState(), 'remote')).toBe(true);
    expect(store.getState().engines.local).toBe(local);
    store.getState().patchEngine(engine('remote', 'connected'));
    expect(isStale(store.getState(), 'remote')).toBe(false);
    expect(store.getState().engineOrder).toEqual(['local', 'remote']);
  });

  it('adds an engine it hears of for the first time, and forgets a removed one', () => {
    const store = createAppStore(memoryStorage());
    store.getState().patchEngine(engine('new', 'connecting'));
    expect(store.getState().engineOrder).toEqual(['new']);
    store.getState().forgetEngine('new');
    expect(store.getState().engines).toEqual({});
  });
});
