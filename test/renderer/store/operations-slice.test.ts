import { describe, expect, it } from 'vitest';
import {
  newOperation,
  OPERATIONS_KEPT,
  progress,
  type OperationView,
} from '../../../src-core/api/operations';
import { createAppStore } from '../../../renderer/store/app-store';
import { operationOutcome } from '../../../renderer/store/operations-slice';
import { memoryStorage } from './fixtures';

const notFound = { code: 'NOT_FOUND' as const, message: 'no such container', details: {} };

/** An `operations.progress` event as the host sends it. */
const step = (operationId: string, item: object, extra: object = {}) =>
  progress.parse({ operationId, kind: 'launch', done: 1, total: 1, item, ...extra });

/** A record as the core's history keeps it. */
function kept(id: string, patch: Partial<OperationView> = {}): OperationView {
  return {
    ...newOperation({ id, kind: 'launch', title: `Launch ${id}`, total: 2 }, 1_700_000_000_000),
    ...patch,
  };
}

describe('operations (the activity panel)', () => {
  it("count an operation's items from its progress events, and end partial when some failed", () => {
    const store = createAppStore(memoryStorage());
    store
      .getState()
      .beginOperation({ id: 'stop-1', kind: 'stop', title: 'Stop 3 containers', total: 3 });
    expect(operationOutcome(store.getState().operations['stop-1']!)).toBe('running');
    store.getState().applyProgress(step('stop-1', { engine: 'local', id: 'c1' }, { total: 3 }));
    store
      .getState()
      .applyProgress(
        step('stop-1', { engine: 'local', id: 'c2' }, { done: 2, total: 3, error: notFound }),
      );
    expect(store.getState().operations['stop-1']).toMatchObject({
      done: 2,
      failed: 1,
      errors: [{ item: 'local/c2', error: { code: 'NOT_FOUND' } }],
      finishedAt: null,
    });
    store.getState().applyProgress(step('stop-1', { engine: 'local', id: 'c3' }, { total: 3 }));
    expect(operationOutcome(store.getState().operations['stop-1']!)).toBe('partial');
  });

  it('count a launch for many users made of one call per user, each reporting 1 of 1', () => {
    const store = createAppStore(memoryStorage());
    store.getState().beginOperation({ id: 'l-1', kind: 'launch', title: 'Launch', total: 3 });
    store.getState().applyProgress(step('l-1', { engine: 'local', user: 'ann' }));
    store
      .getState()
      .applyProgress(step('l-1', { engine: 'any', user: 'bob' }, { error: notFound }));
    expect(operationOutcome(store.getState().operations['l-1']!)).toBe('running');
    store.getState().applyProgress(step('l-1', { engine: 'local', user: 'cid' }));
    const op = store.getState().operations['l-1']!;
    expect(op).toMatchObject({ done: 3, total: 3, failed: 1, errors: [{ item: 'bob' }] });
    expect(operationOutcome(op)).toBe('partial');
  });

  it('fail the items no call reported when closed with an error, else call it interrupted', () => {
    const store = createAppStore(memoryStorage());
    for (const id of ['a', 'b'])
      store.getState().beginOperation({ id, kind: 'stop', title: id, total: 4 });
    store.getState().applyProgress(step('a', { engine: 'local', id: 'c1' }));
    store.getState().finishOperation('a', { code: 'VALIDATION', message: 'targets: too many' });
    expect(store.getState().operations.a).toMatchObject({ done: 4, failed: 3 });
    expect(operationOutcome(store.getState().operations.a!)).toBe('partial');
    store.getState().finishOperation('b');
    expect(operationOutcome(store.getState().operations.b!)).toBe('interrupted');
  });

  it('ignore progress of operations not known here', () => {
    const store = createAppStore(memoryStorage());
    const before = store.getState().operations;
    store.getState().applyProgress(step('x', { engine: 'local' }));
    expect(store.getState().operations).toBe(before);
  });

  it("load the core's history under the operations begun since, and follow a running one live", () => {
    const store = createAppStore(memoryStorage());
    store.getState().beginOperation({ id: 'new', kind: 'launch', title: 'new', total: 1 });
    store
      .getState()
      .loadHistory([
        kept('running', { done: 1 }),
        kept('old', { done: 2, finishedAt: 1_700_000_001_000 }),
      ]);
    expect(store.getState().operationOrder).toEqual(['new', 'running', 'old']);
    store.getState().applyProgress(step('running', { engine: 'local', user: 'ann' }));
    expect(operationOutcome(store.getState().operations.running!)).toBe('ok');
    expect(operationOutcome(store.getState().operations.old!)).toBe('ok');
  });

  it("take the core's record of an operation in its place, the others' entries untouched", () => {
    const store = createAppStore(memoryStorage());
    store.getState().loadHistory([kept('b'), kept('a')]);
    const before = store.getState().operations;
    store.getState().putOperation(kept('a', { done: 2, finishedAt: 1_700_000_002_000 }));
    const after = store.getState().operations;
    expect(store.getState().operationOrder).toEqual(['b', 'a']);
    expect(after.b).toBe(before.b);
    expect(operationOutcome(after.a!)).toBe('ok');
  });

  it('keep the newest OPERATIONS_KEPT, newest first', () => {
    const store = createAppStore(memoryStorage());
    const total = OPERATIONS_KEPT + 5;
    store
      .getState()
      .loadHistory(Array.from({ length: total - 1 }, (_, i) => kept(`op-${total - 2 - i}`)));
    store.getState().beginOperation({ id: `op-${total - 1}`, kind: 'launch', title: '', total: 1 });
    const { operationOrder, operations } = store.getState();
    expect(operationOrder).toHaveLength(OPERATIONS_KEPT);
    expect(operationOrder[0]).toBe(`op-${total - 1}`);
    expect(Object.keys(operations)).toHaveLength(OPERATIONS_KEPT);
    expect(operations['op-4']).toBeUndefined();
    expect(operations['op-5']).toBeDefined();
  });
});
