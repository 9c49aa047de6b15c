import { z } from 'zod';
import { call, event } from './define';
import { ERROR_CODES, type ErrorPayload } from './errors';
import { callerId, errorPayload, text } from './fields';

/** One step of a long operation (stopping many containers, launching for many users). */
export const progress = z.object({
  operationId: z.string(),
  kind: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  /** The item this step finished, and how. */
  item: z.object({ engine: z.string(), id: z.string().optional(), user: z.string().optional() }),
  error: errorPayload.optional(),
});

export type Progress = z.infer<typeof progress>;

/** How many operations the history keeps: the newest. */
export const OPERATIONS_KEPT = 500;
/** How many failed items an operation keeps with their error; the rest are counted only. */
export const ITEM_ERRORS_KEPT = 50;

const itemError = z.object({ item: z.string(), error: errorPayload });

export type OperationItemError = z.infer<typeof itemError>;

/** One of the operator's actions, as the Activity panel shows it and the history keeps it. */
export const operationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  /** Milliseconds since the epoch, by the core's clock. */
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** Items finished, well or not. */
  done: z.number().int(),
  total: z.number().int(),
  failed: z.number().int(),
  /** The first ITEM_ERRORS_KEPT failed items (a user, or engine/container), each with its error. */
  errors: z.array(itemError),
});

export type OperationView = z.infer<typeof operationView>;

/** An operation finished with items never reported (the core stopped meanwhile) is `interrupted`. */
export type OperationOutcome = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

export function operationOutcome(op: OperationView): OperationOutcome {
  if (op.finishedAt === null) return 'running';
  if (op.failed > 0) return op.failed >= op.total ? 'failed' : 'partial';
  return op.done < op.total ? 'interrupted' : 'ok';
}

/** How the Activity panel names an item: its user, else its container. */
export function itemName(item: Progress['item']): string {
  return item.user ?? (item.id === undefined ? item.engine : `${item.engine}/${item.id}`);
}

// The rules below are the core's history and the renderer's store alike: written once, here.

export function newOperation(
  op: { id: string; kind: string; title: string; total: number },
  now: number,
): OperationView {
  return { ...op, startedAt: now, finishedAt: null, done: 0, failed: 0, errors: [] };
}

function withFailures(op: OperationView, count: number, error: OperationItemError) {
  const errors = op.errors.length < ITEM_ERRORS_KEPT ? [...op.errors, error] : op.errors;
  return { failed: op.failed + count, errors };
}

/**
 * `op` with the item of one progress event counted; finished once all are.
 * Events count items, whatever their own `done` says: one operation may span
 * calls (a launch for many users is one call per user).
 */
export function withProgress(op: OperationView, event: Progress, now: number): OperationView {
  if (op.finishedAt !== null) return op;
  const done = op.done + 1;
  const total = Math.max(op.total, event.total);
  const failures =
    event.error && withFailures(op, 1, { item: itemName(event.item), error: event.error });
  return { ...op, ...failures, done, total, finishedAt: done >= total ? now : null };
}

/** What a finish says when a call of the operation failed whole: bounded to cross the contract. */
export const operationFailure = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: text(1000),
});

export type OperationFailure = z.infer<typeof operationFailure>;

/** An error as `operations.finish` takes it: one line of its message, not its details. */
export function operationFailureOf(error: ErrorPayload): OperationFailure {
  // eslint-disable-next-line no-control-regex
  const line = error.message.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return { code: error.code, message: (line || error.code).slice(0, 1000) };
}

/** `op` closed; with `failure`, the items never reported failed with it. */
export function finishedOperation(
  op: OperationView,
  now: number,
  failure?: OperationFailure,
): OperationView {
  if (op.finishedAt !== null) return op;
  const missing = op.total - op.done;
  if (!failure || missing <= 0) return { ...op, finishedAt: now };
  const error = { item: '', error: { ...failure, details: {} } };
  return { ...op, ...withFailures(op, missing, error), done: op.total, finishedAt: now };
}

export const calls = {
  /**
   * Opens an operation in the history (the last OPERATIONS_KEPT are kept
   * across restarts). Its items are what the calls carrying its id report
   * as `operations.progress`; it finishes when all are, or at
   * `operations.finish`. Every session hears of it as `operations.changed`.
   */
  'operations.begin': call(
    z.strictObject({
      operationId: callerId,
      kind: z
        .string()
        .regex(/^[a-z][a-z-]{0,31}$/, 'must be lowercase letters or "-" (at most 32)'),
      title: text(200),
      total: z.number().int().min(0).max(100_000, 'must be at most 100000'),
    }),
    z.object({ operation: operationView }),
  ),
  /** Closes an operation; `error`, when a call of it failed whole, fails its items not reported. */
  'operations.finish': call(
    z.strictObject({ operationId: callerId, error: operationFailure.optional() }),
    z.object({ operation: operationView }),
  ),
  /** The kept operations, newest first. */
  'operations.history': call(z.strictObject({}), z.object({ operations: z.array(operationView) })),
};

export const events = {
  'operations.progress': event(progress),
  /** An operation began or finished, in any session: its whole record. */
  'operations.changed': event(z.object({ operation: operationView })),
};
