import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
/** Made by simphony-remote's own SQLAlchemy models: 4 users, 2 applications, 2 policies, 5 grants. */
export const ORM_DB = join(FIXTURES, 'simphony-remote-orm.db');
/** The same grants in remoteappmanager's CSV format. */
export const ORM_CSV = join(FIXTURES, 'simphony-remote.csv');

/** A scratch folder for one test file, with copies of the fixtures (never opened in place). */
export function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'remoteapp-catalog-'));
  let n = 0;
  return {
    dir,
    path: (name: string) => join(dir, name),
    /** A fresh copy of the real ORM database. */
    ormCopy() {
      const path = join(dir, `orm-${++n}.db`);
      copyFileSync(ORM_DB, path);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
