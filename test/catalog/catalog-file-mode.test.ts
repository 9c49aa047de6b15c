import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src-core/catalog/catalog';
import { scratch } from './catalog-files';

const files = scratch();
afterAll(() => files.remove());
const modeOf = (path: string) => statSync(path).mode & 0o777;
const policy = {
  appLicense: 'LICENSE-KEY-123',
  allowHome: false,
  allowView: false,
  allowCommon: false,
  volume: null,
  allowStartupData: false,
};

describe('a catalog file (it holds licence values) is the owner’s alone', () => {
  it('is created 0600, and so is the journal SQLite writes beside it', () => {
    const path = files.path('catalog.db');
    const catalog = Catalog.openFile(path);
    try {
      expect(modeOf(path)).toBe(0o600);
      const journalMode = catalog.transaction(() => {
        catalog.importGrants([{ user: 'alice', image: 'app/licensed:1', policy }]);
        return modeOf(`${path}-journal`);
      });
      expect(journalMode).toBe(0o600);
      expect(catalog.listGrants()[0]!.policy.appLicense).toBe('LICENSE-KEY-123');
    } finally {
      catalog.close();
    }
  });

  it('keeps its WAL and shared-memory files 0600 when switched to WAL (as another client may)', () => {
    const path = files.path('wal.db');
    const catalog = Catalog.openFile(path);
    try {
      catalog.db.pragma('journal_mode = WAL');
      catalog.addUser('bob');
      expect(modeOf(`${path}-wal`)).toBe(0o600);
      expect(modeOf(`${path}-shm`)).toBe(0o600);
    } finally {
      catalog.close();
    }
  });

  it('leaves an in-memory catalog in memory: no file named :memory: appears', () => {
    Catalog.openFile(':memory:').close();
    expect(existsSync(join(process.cwd(), ':memory:'))).toBe(false);
  });
});
