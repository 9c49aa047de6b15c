import { join } from 'node:path';
import { z } from 'zod';
import { CoreError } from '../api/errors';
import {
  finishedOperation,
  newOperation,
  OPERATIONS_KEPT,
  operationView,
  withProgress,
  type OperationFailure,
  type OperationView,
  type Progress,
} from '../api/operations';
import { appConfigDir, readJsonIfPresent, writePrivateJson } from '../util/config-dir';

/** Where the desktop app and serve mode keep the operations' history. */
export function defaultHistoryPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(appConfigDir(env), 'operations.json');
}

const keptFile = z.object({ operations: z.array(operationView) });

/** Counts within an operation are written at most this often; a begin or an end at once. */
const WRITE_DELAY_MS = 1_000;

/**
 * The operator's operations, the last OPERATIONS_KEPT, with their items'
 * results: begun and finished through the contract, counted from the
 * progress events the host relays. Kept in a private JSON file when given
 * a path (for this run only without), so that they outlive a reload and a
 * restart.
 */
export class OperationHistory {
  /** Oldest first, as a Map keeps its insertion order. */
  private readonly operations = new Map<string, OperationView>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly path: string | null,
    private readonly now: () => number = Date.now,
  ) {
    if (!path) return;
    // An operation left running when the core stopped ends now, its missing items unreported.
    for (const op of readKept(path).reverse())
      this.operations.set(op.id, op.finishedAt === null ? finishedOperation(op, now()) : op);
  }

  /** Newest first. */
  list(): OperationView[] {
    return [...this.operations.values()].reverse();
  }

  begin(op: { id: string; kind: string; title: string; total: number }): OperationView {
    if (this.operations.has(op.id))
      throw new CoreError('CONFLICT', `operationId: "${op.id}" is already in use`, {
        field: 'operationId',
        reason: 'already in use',
      });
    const begun = newOperation(op, this.now());
    this.operations.set(op.id, begun);
    for (const old of this.operations.keys()) {
      if (this.operations.size <= OPERATIONS_KEPT) break;
      this.operations.delete(old);
    }
    this.write();
    return begun;
  }

  /** One item of an operation begun here (progress of other calls is not kept). */
  record(event: Progress): void {
    const op = this.operations.get(event.operationId);
    if (!op || op.finishedAt !== null) return;
    const next = withProgress(op, event, this.now());
    this.operations.set(op.id, next);
    if (next.finishedAt !== null) this.write();
    else this.timer ??= setTimeout(() => this.write(), WRITE_DELAY_MS).unref();
  }

  finish(id: string, failure?: OperationFailure): OperationView {
    const op = this.operations.get(id);
    if (!op)
      throw new CoreError('NOT_FOUND', `operationId: no operation "${id}" in the history`, {
        field: 'operationId',
        reason: 'unknown operation',
      });
    const finished = finishedOperation(op, this.now(), failure);
    if (finished !== op) {
      this.operations.set(id, finished);
      this.write();
    }
    return finished;
  }

  /** Writes what a pending count has changed. */
  close(): void {
    if (this.timer) this.write();
  }

  private write(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.path) return;
    try {
      writePrivateJson(this.path, { operations: this.list() });
    } catch (error) {
      // The history is the operator's record, not the operation: a full disk must not fail a stop.
      console.error(
        `remoteapp-admin: could not keep the operations' history in ${this.path}:`,
        error,
      );
    }
  }
}

function readKept(path: string): OperationView[] {
  let value: unknown;
  try {
    value = readJsonIfPresent(path, 'operations');
  } catch (error) {
    console.error(`remoteapp-admin: ${path} is not JSON; the history starts anew`, error);
    return [];
  }
  if (value === undefined) return [];
  const parsed = keptFile.safeParse(value);
  if (parsed.success) return parsed.data.operations.slice(0, OPERATIONS_KEPT);
  console.error(`remoteapp-admin: ${path} is not an operations' history; the history starts anew`);
  return [];
}
