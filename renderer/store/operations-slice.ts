import type { StateCreator } from 'zustand';
import type { EventPayload } from '../../src-core/api/contract';
import type { ErrorPayload } from '../../src-core/api/errors';
import type { AppState } from './app-state';

export type OperationKind = 'launch' | 'stop' | 'engine';

export interface OperationItemError {
  /** What failed: a user name or a container. */
  item: string;
  error: ErrorPayload;
}

/** One of the operator's actions, as the activity panel lists it. */
export interface Operation {
  id: string;
  kind: OperationKind;
  title: string;
  startedAt: number;
  finishedAt: number | null;
  done: number;
  total: number;
  errors: OperationItemError[];
}

export type OperationOutcome = 'running' | 'ok' | 'partial' | 'failed';

const KEEP = 200;

export interface OperationsSlice {
  operations: Record<string, Operation>;
  /** Newest first, at most 200. */
  operationOrder: string[];
  beginOperation(op: { id: string; kind: OperationKind; title: string; total: number }): void;
  /** An `operations.progress` event; events of operations begun elsewhere are ignored. */
  applyProgress(event: EventPayload<'operations.progress'>): void;
  /** One item of an operation run here finished, failed when `error` is given. */
  recordItem(id: string, failed?: OperationItemError): void;
  finishOperation(id: string, result?: { done?: number; errors?: OperationItemError[] }): void;
}

export const createOperationsSlice: StateCreator<AppState, [], [], OperationsSlice> = (set) => ({
  operations: {},
  operationOrder: [],
  beginOperation: ({ id, kind, title, total }) =>
    set((s) => {
      const order = [id, ...s.operationOrder.filter((o) => o !== id)];
      const operations = { ...s.operations };
      for (const old of order.splice(KEEP)) delete operations[old];
      operations[id] = {
        id,
        kind,
        title,
        total,
        done: 0,
        errors: [],
        startedAt: Date.now(),
        finishedAt: null,
      };
      return { operations, operationOrder: order };
    }),
  applyProgress: (event) =>
    set((s) => {
      const op = s.operations[event.operationId];
      if (!op) return {};
      const item = event.item.user ?? event.item.id ?? event.item.engine;
      const errors = event.error ? [...op.errors, { item, error: event.error }] : op.errors;
      const done = Math.max(op.done, event.done);
      return {
        operations: { ...s.operations, [op.id]: { ...op, done, total: event.total, errors } },
      };
    }),
  recordItem: (id, failed) =>
    set((s) => {
      const op = s.operations[id];
      if (!op) return {};
      const errors = failed ? [...op.errors, failed] : op.errors;
      return { operations: { ...s.operations, [id]: { ...op, done: op.done + 1, errors } } };
    }),
  finishOperation: (id, result = {}) =>
    set((s) => {
      const op = s.operations[id];
      if (!op) return {};
      const errors = result.errors ?? op.errors;
      const done = result.done ?? op.total;
      return {
        operations: { ...s.operations, [id]: { ...op, done, errors, finishedAt: Date.now() } },
      };
    }),
});

export function operationOutcome(op: Operation): OperationOutcome {
  if (op.finishedAt === null) return 'running';
  if (op.errors.length === 0) return 'ok';
  return op.errors.length >= op.total ? 'failed' : 'partial';
}
