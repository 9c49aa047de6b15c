import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src-core/catalog/catalog';
import { scratch } from './catalog-files';

const files = scratch();
afterAll(() => files.remove());
const WRITER = join(import.meta.dirname, 'writer-process.ts');
const BATCH = 3000;
const ORIGINAL = [
  'cc8c1d2e0d804d8186b299288b4aa6c9',
  'de43b03cebd240479a8692ca2fe34d6c',
  'b2deca0daa4847ff9373842b56255f0c',
  '38f9ddb611144d0e86f9c437a892ae44',
  '857fd34ababd4333b88929c0806ecd69',
];

/** Runs the writer on `path` and SIGKILLs it `delayMs` into batch number `killIn`. */
function killMidWrite(path: string, killIn: number, delayMs: number) {
  return new Promise<{ done: number; journalAtKill: boolean }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, String(BATCH)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let done = 0;
    let journalAtKill = false;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('done')) done++;
        if (line === `begin ${killIn}`)
          setTimeout(() => {
            journalAtKill = existsSync(`${path}-journal`);
            child.kill('SIGKILL');
          }, delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve({ done, journalAtKill })
        : reject(new Error(`writer exited: ${signal}`)),
    );
  });
}

/** Whether SQLite sees a hot journal: a reader cannot open the file until a writer rolls it back. */
function hotJournal(path: string): boolean {
  const db = new Database(path, { readonly: true });
  try {
    db.prepare('SELECT count(*) FROM accounting').get();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_READONLY_ROLLBACK') return true;
    throw error;
  } finally {
    db.close();
  }
}

describe('a write interrupted by killing the process', () => {
  it('leaves the file consistent: every batch whole or absent, the schema intact', async () => {
    let killedInTransaction = 0;
    let needsRollback = 0;
    const outcomes: number[] = [];
    for (const [round, delay] of [5, 20, 40, 80].entries()) {
      const path = files.ormCopy();
      const { done, journalAtKill } = await killMidWrite(path, 2, delay);
      if (journalAtKill) killedInTransaction++;

      if (hotJournal(path)) needsRollback++;
      // It opens again through the app, which checks the schema first.
      const catalog = Catalog.openFile(path);
      const added = catalog.listGrants().length - 5;
      catalog.close();
      // Every batch the writer said it committed is there, and the one it was writing is
      // there whole (its commit made it to disk just before the kill) or not at all.
      expect(added % BATCH, `round ${round}: ${added} grants added`).toBe(0);
      expect([done, done + 1], `round ${round}: ${done} batches reported`).toContain(added / BATCH);
      expect(added / BATCH).toBeGreaterThanOrEqual(2);

      const db = new Database(path, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // The database's own grants are untouched.
      const original = db.prepare(
        `SELECT count(*) AS n FROM accounting WHERE id IN (${ORIGINAL.map(() => '?').join(', ')})`,
      );
      expect(original.get(...ORIGINAL)).toEqual({ n: 5 });
      db.close();
      outcomes.push(added / BATCH);
    }
    // At least one kill landed while a transaction was writing its journal.
    expect(killedInTransaction).toBeGreaterThan(0);
    // ...and at least one left changed pages in the file that only the journal could undo.
    expect(needsRollback, `batches kept per round: ${outcomes.join(', ')}`).toBeGreaterThan(0);
  });
});
