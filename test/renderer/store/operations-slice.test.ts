import { describe, expect, it } from 'vitest';
import { progress } from '../../../src-core/api/operations';
import { createAppStore } from '../../../renderer/store/app-store';
import { operationOutcome } from '../../../renderer/store/operations-slice';
import { memoryStorage } from './fixtures';

describe('operations (the activity panel)', () => {
  it("follow an operation's progress events and end partial when some items failed", () => {
    const store = createAppStore(memoryStorage());
    store
      .getState()
      .beginOperation({ id: 'stop-1', kind: 'stop', title: 'Stop 3 containers', total: 3 });
    expect(operationOutcome(store.getState().operations['stop-1']!)).toBe('running');
    const step = (done: number, extra: object = {}) =>
      store.getState().applyProgress(
        progress.parse({
          operationId: 'stop-1',
          kind: 'stop',
          done,
          total: 3,
          item: { engine: 'local', id: `c${done}` },
          ...extra,
        }),
      );
    step(1);
    step(2, { error: { code: 'NOT_FOUND', message: 'no such container', details: {} } });
    expect(store.getState().operations['stop-1']).toMatchObject({
      done: 2,
      errors: [{ item: 'c2' }],
    });
    step(3);
    store.getState().finishOperation('stop-1');
    expect(operationOutcome(store.getState().operations['stop-1']!)).toBe('partial');
  });

  it('count the items of an operation run here, failed ones with their error', () => {
    const store = createAppStore(memoryStorage());
    store.getState().beginOperation({ id: 'launch-1', kind: 'launch', title: 'Launch', total: 2 });
    store.getState().recordItem('launch-1');
    store.getState().recordItem('launch-1', {
      item: 'bob',
      error: { code: 'IMAGE_NOT_FOUND', message: 'no such image', details: {} },
    });
    store.getState().finishOperation('launch-1');
    const op = store.getState().operations['launch-1']!;
    expect(op).toMatchObject({ done: 2, errors: [{ item: 'bob' }] });
    expect(operationOutcome(op)).toBe('partial');
  });

  it('ignore progress of operations begun elsewhere', () => {
    const store = createAppStore(memoryStorage());
    const before = store.getState().operations;
    store.getState().applyProgress({
      operationId: 'x',
      kind: 'stop',
      done: 1,
      total: 1,
      item: { engine: 'local' },
    });
    expect(store.getState().operations).toBe(before);
  });

  it('keep the 200 newest, newest first', () => {
    const store = createAppStore(memoryStorage());
    for (let i = 0; i < 205; i++)
      store.getState().beginOperation({ id: `op-${i}`, kind: 'launch', title: `${i}`, total: 1 });
    const { operationOrder, operations } = store.getState();
    expect(operationOrder).toHaveLength(200);
    expect(operationOrder[0]).toBe('op-204');
    expect(operations['op-4']).toBeUndefined();
  });
});
