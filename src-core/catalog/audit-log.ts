import type Database from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { CoreError } from '../api/errors';
import { APP_DDL } from './schema';

/** One operator action: when, who at the workstation, what, on which engine, and how it ended. */
export interface AuditEntry {
  id: number;
  /** ISO 8601, UTC. */
  at: string;
  /** The workstation user who acted. */
  actor: string;
  /** A dotted verb such as `grant.add` or `container.launch`. */
  action: string;
  /** What was acted on: a user, an image, a grant id, a file. */
  target: string;
  /** The engine's id, or null for an action on the catalog alone. */
  engine: string | null;
  result: 'ok' | 'error';
  /** What came of it, or the error's message. */
  detail: string;
}

export type AuditRecord = Omit<AuditEntry, 'id' | 'at'>;

export interface AuditQuery {
  /** Part of the actor, action, target, engine or detail, case-insensitive. */
  search?: string;
  /** Entries older than this id (paging back); newest first. */
  beforeId?: number;
  limit?: number;
}

const MAX_LIMIT = 5000;
const FORMULA_START = /^[=+\-@\t\r]/;
const COLUMNS = ['at', 'actor', 'action', 'target', 'engine', 'result', 'detail'] as const;

/** The audit log, in the app's own table (`remoteapp_audit`) beside the catalog. */
export class AuditLog {
  constructor(
    readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const ddl of APP_DDL) db.exec(ddl);
  }

  record(entry: AuditRecord): AuditEntry {
    const at = this.now().toISOString();
    const row = { ...entry, at, engine: entry.engine ?? null, detail: entry.detail ?? '' };
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO remoteapp_audit (at, actor, action, target, engine, result, detail)
         VALUES (@at, @actor, @action, @target, @engine, @result, @detail)`,
      )
      .run(row);
    return { id: Number(lastInsertRowid), ...row };
  }

  list(query: AuditQuery = {}): AuditEntry[] {
    const limit = query.limit ?? 200;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw CoreError.validation('limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
    const search = `%${(query.search ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.db
      .prepare(
        `SELECT id, at, actor, action, target, engine, result, detail FROM remoteapp_audit
         WHERE id < ? AND (actor || ' ' || action || ' ' || target || ' ' || coalesce(engine, '')
           || ' ' || detail) LIKE ? ESCAPE '\\'
         ORDER BY id DESC LIMIT ?`,
      )
      .all(query.beforeId ?? Number.MAX_SAFE_INTEGER, search, limit) as AuditEntry[];
  }

  /**
   * The whole log, oldest first, as CSV with a header row. The log holds
   * names that anyone could choose, and this file is opened in spreadsheets:
   * a cell that would start a formula is prefixed with `'` to stay text.
   */
  exportCsv(): string {
    const rows = this.db
      .prepare(`SELECT ${COLUMNS.join(', ')} FROM remoteapp_audit ORDER BY id`)
      .raw()
      .all() as Array<Array<string | null>>;
    const cell = (v: string | null) => (v && FORMULA_START.test(v) ? `'${v}` : (v ?? ''));
    return stringify([[...COLUMNS], ...rows.map((row) => row.map(cell))]);
  }
}
