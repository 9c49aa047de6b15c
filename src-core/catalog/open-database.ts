import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CoreError } from '../api/errors';
import { APP_DDL, SIMPHONY_DDL, placementDdl } from './schema';
import { checkSchema, type SchemaVerdict } from './schema-check';

const SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');

function refuse(path: string, reason: string): CoreError {
  return new CoreError('VALIDATION', `${path}: ${reason}; the file was left as it was`, {
    field: 'path',
    reason,
    path,
  });
}

function sqliteCode(error: unknown): string {
  return (error as { code?: unknown })?.code?.toString() ?? '';
}

function hasSqliteHeader(path: string): boolean {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/** Reads the schema through a read-only connection, which writes nothing: no journal, no tables. */
function inspectReadOnly(path: string): SchemaVerdict {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return checkSchema(db);
  } finally {
    db.close();
  }
}

/**
 * A process killed mid-write leaves a hot journal that only a writer may
 * roll back. Opening read-write lets SQLite restore the last committed
 * state, as any SQLite client (remoteappmanager too) would on its next open.
 */
function rollBackHotJournal(path: string) {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } finally {
    db.close();
  }
}

function verdictOf(path: string): SchemaVerdict {
  try {
    return inspectReadOnly(path);
  } catch (error) {
    const code = sqliteCode(error);
    if (code === 'SQLITE_READONLY_ROLLBACK') {
      rollBackHotJournal(path);
      return inspectReadOnly(path);
    }
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw refuse(path, 'is not a SQLite database, or is damaged');
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM')
      throw refuse(path, 'cannot be read (check its permissions)');
    throw error;
  }
}

function configure(db: Database.Database) {
  // remoteappmanager turns foreign keys on for every connection: grants follow their user.
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
}

function createTables(db: Database.Database, simphony: boolean) {
  db.transaction(() => {
    if (simphony) for (const ddl of SIMPHONY_DDL) db.exec(ddl);
    for (const ddl of APP_DDL) db.exec(ddl);
  })();
}

/** A file opened read-only that never had our placement table gets an empty one of its own. */
function withPlacementTable(db: Database.Database) {
  const found = db
    .prepare("SELECT 1 FROM sqlite_master WHERE name = 'remoteapp_policy_placement'")
    .get();
  if (found) return;
  db.pragma('temp_store = MEMORY');
  db.exec(placementDdl({ temp: true }));
}

/** Whether this process may change the file: the file and, for SQLite's journal, its folder. */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens a simphony-remote SQLite database, or creates one with exactly its
 * schema when the file does not exist. A file that is not SQLite, or holds
 * another schema, is refused with VALIDATION before anything is written. A
 * file this process may not change (a deployment's database owned by its
 * service account, say) opens read-only.
 */
export function openDatabaseFile(path: string): { db: Database.Database; readOnly: boolean } {
  if (typeof path !== 'string' || path === '')
    throw CoreError.validation('path', 'must be a file path');
  let verdict: SchemaVerdict = { kind: 'empty' };
  if (!existsSync(path)) {
    // It holds licence values: owner-only from its first byte (SQLite's journals take its mode).
    if (path !== ':memory:') closeSync(openSync(path, 'wx', 0o600));
  } else {
    if (!statSync(path).isFile()) throw refuse(path, 'is not a regular file');
    // An empty file is an empty SQLite database; anything else must say it is one.
    if (statSync(path).size > 0) {
      if (!hasSqliteHeader(path)) throw refuse(path, 'is not a SQLite database');
      verdict = verdictOf(path);
    }
  }
  if (verdict.kind === 'incompatible')
    throw new CoreError(
      'VALIDATION',
      `${path} is not a simphony-remote database: ${verdict.problems.join('; ')}. The file was left as it was`,
      { field: 'path', reason: 'incompatible schema', path, problems: verdict.problems },
    );
  if (verdict.kind === 'simphony' && !writable(path)) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('foreign_keys = ON');
    withPlacementTable(db);
    return { db, readOnly: true };
  }
  const db = new Database(path);
  try {
    configure(db);
    createTables(db, verdict.kind === 'empty');
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, readOnly: false };
}

/** A private in-memory database with the same schema (the read-only CSV source lives in one). */
export function openMemoryDatabase(): Database.Database {
  const db = new Database(':memory:');
  configure(db);
  createTables(db, true);
  return db;
}
