import type { StateCreator } from 'zustand';
import type { EventPayload } from '../../src-core/api/contract';
import {
  finishedOperation,
  newOperation,
  OPERATIONS_KEPT,
  withProgress,
  type OperationFailure,
  type OperationView,
} from '../../src-core/api/operations';
import type { AppState } from './app-state';

export { operationOutcome, type OperationOutcome } from '../../src-core/api/operations';

export type OperationKind = 'launch' | 'stop' | 'relaunch' | 'fix' | 'engine' | 'node';

/** One of the operator's actions, as the activity panel lists it and the core's history keeps it. */
export type Operation = OperationView;

export interface OperationsSlice {
  operations: Record<string, Operation>;
  /** Newest first, at most OPERATIONS_KEPT. */
  operationOrder: string[];
  /** Shown at once, before the core has answered for it. */
  beginOperation(op: { id: string; kind: OperationKind; title: string; total: number }): void;
  /** An `operations.progress` event; events of operations not known here are ignored. */
  applyProgress(event: EventPayload<'operations.progress'>): void;
  /** The core's record of an operation (an answer, `operations.changed`): it replaces this one's. */
  putOperation(op: Operation): void;
  /**
   * The core's history, at start: it replaces what was known of those
   * operations (their events came before it); ones begun since stay first.
   */
  loadHistory(ops: Operation[]): void;
  /** Closed here, when the core could not be told. */
  finishOperation(id: string, failure?: OperationFailure): void;
}

export const createOperationsSlice: StateCreator<AppState, [], [], OperationsSlice> = (set) => {
  /** One operation changed, the others' entries kept, so that only its item re-renders. */
  const patch = (id: string, change: (op: Operation) => Operation) =>
    set((s) => {
      const op = s.operations[id];
      const next = op && change(op);
      return next && next !== op ? { operations: { ...s.operations, [id]: next } } : {};
    });

  return {
    operations: {},
    operationOrder: [],
    beginOperation: (op) => set((s) => upsert(s, newOperation(op, Date.now()))),
    applyProgress: (event) => patch(event.operationId, (op) => withProgress(op, event, Date.now())),
    putOperation: (op) => set((s) => upsert(s, op)),
    loadHistory: (ops) =>
      set((s) => {
        const kept = new Set(ops.map((op) => op.id));
        const since = s.operationOrder.filter((id) => !kept.has(id));
        const operationOrder = [...since, ...ops.map((op) => op.id)].slice(0, OPERATIONS_KEPT);
        const all = { ...s.operations, ...Object.fromEntries(ops.map((op) => [op.id, op])) };
        const operations = Object.fromEntries(operationOrder.map((id) => [id, all[id]!]));
        return { operations, operationOrder };
      }),
    finishOperation: (id, failure) => patch(id, (op) => finishedOperation(op, Date.now(), failure)),
  };
};

/** `op` in place of its earlier record, or first when new; the oldest beyond the bound go. */
function upsert(s: OperationsSlice, op: Operation): Partial<OperationsSlice> {
  const operations = { ...s.operations, [op.id]: op };
  if (s.operations[op.id]) return { operations };
  const operationOrder = [op.id, ...s.operationOrder];
  for (const old of operationOrder.splice(OPERATIONS_KEPT)) delete operations[old];
  return { operations, operationOrder };
}
