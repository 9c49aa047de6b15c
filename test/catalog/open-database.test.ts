import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isCoreError } from '../../src-core/api/errors';
import { Catalog } from '../../src-core/catalog/catalog';
import { ORM_DB, scratch } from './catalog-files';

const files = scratch();
afterAll(() => files.remove());

function schemaOf(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE '%remoteapp%' ORDER BY name",
      )
      .all();
  } finally {
    db.close();
  }
}

/** Opening must fail with VALIDATION naming the path, and leave the file and its folder as they were. */
function expectRefusedUntouched(path: string, message: RegExp) {
  const before = readFileSync(path);
  const listing = readdirSync(files.dir).sort();
  let error: unknown;
  try {
    Catalog.openFile(path).close();
  } catch (e) {
    error = e;
  }
  expect(isCoreError(error, 'VALIDATION')).toBe(true);
  expect((error as Error).message).toMatch(message);
  expect((error as { details: { field: string } }).details.field).toBe('path');
  expect(readFileSync(path).equals(before)).toBe(true);
  // No journal, no WAL, nothing new beside it.
  expect(readdirSync(files.dir).sort()).toEqual(listing);
}

describe('opening a database file', () => {
  it('opens the real simphony-remote database and lists its 5 grants with users, images and policies', () => {
    const catalog = Catalog.openFile(files.ormCopy());
    try {
      const grants = catalog.listGrants();
      expect(grants).toHaveLength(5);
      const summary = grants.map((g) => [g.id, g.user.name, g.application.image, g.policy.id]);
      expect(summary).toEqual([
        ['b2deca0daa4847ff9373842b56255f0c', 'alice', 'simphony/labeled-app:1.0', 1],
        ['38f9ddb611144d0e86f9c437a892ae44', 'bob_smith', 'simphony/testapp:latest', 1],
        ['cc8c1d2e0d804d8186b299288b4aa6c9', 'john.doe@example.com', 'simphony/labeled-app:1.0', 1],
        ['de43b03cebd240479a8692ca2fe34d6c', 'john.doe@example.com', 'simphony/testapp:latest', 2],
        ['857fd34ababd4333b88929c0806ecd69', 'ümlaut-user', 'simphony/testapp:latest', 2],
      ]);
      expect(grants[3]!.policy).toEqual({
        id: 2,
        appLicense: 'LICENSE-KEY-123',
        allowHome: false,
        allowView: false,
        allowCommon: true,
        volume: { source: '/srv/shared-data', target: '/data', mode: 'ro' },
        allowStartupData: true,
      });
      expect(grants[1]!.policy).toMatchObject({
        appLicense: null,
        allowHome: true,
        allowView: true,
        volume: null,
      });
      expect(catalog.listUsers().map((u) => [u.name, u.grants])).toEqual([
        ['alice', 1],
        ['bob_smith', 1],
        ['john.doe@example.com', 2],
        ['ümlaut-user', 1],
      ]);
      expect(catalog.listApplications().map((a) => [a.image, a.grants])).toEqual([
        ['simphony/labeled-app:1.0', 2],
        ['simphony/testapp:latest', 3],
      ]);
    } finally {
      catalog.close();
    }
  });

  it("keeps simphony-remote's tables exactly as they were, adding only its own", () => {
    const path = files.ormCopy();
    Catalog.openFile(path).close();
    expect(schemaOf(path)).toEqual(schemaOf(ORM_DB));
  });

  it("creates a new file with exactly simphony-remote's schema", () => {
    const path = files.path('fresh.db');
    const catalog = Catalog.openFile(path);
    expect(catalog.listGrants()).toEqual([]);
    catalog.close();
    expect(schemaOf(path)).toEqual(schemaOf(ORM_DB));
  });

  it('refuses a file that is not SQLite, leaving it byte for byte', () => {
    const path = files.path('notes.db');
    writeFileSync(path, 'user.name,application.image\nalice,app\n');
    expectRefusedUntouched(
      path,
      /notes\.db: is not a SQLite database; the file was left as it was/,
    );
  });

  it('refuses a damaged file that starts like SQLite', () => {
    const path = files.path('damaged.db');
    const bytes = readFileSync(ORM_DB);
    bytes.fill(0x5a, 16, 200);
    writeFileSync(path, bytes);
    expectRefusedUntouched(path, /is not a SQLite database, or is damaged/);
  });

  it('refuses a SQLite database of another application, leaving it byte for byte', () => {
    const path = files.path('hub.sqlite');
    const db = new Database(path);
    db.exec(
      "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('x')",
    );
    db.close();
    expectRefusedUntouched(
      path,
      /not a simphony-remote database: it has none of simphony-remote's tables .* only users/,
    );
  });

  it('refuses the older simphony-remote schema (no accounting.id, no app_license), naming what is missing', () => {
    const path = files.path('old.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE user (id INTEGER NOT NULL, name VARCHAR, PRIMARY KEY (id));
      CREATE TABLE application (id INTEGER NOT NULL, image VARCHAR, PRIMARY KEY (id));
      CREATE TABLE application_policy (id INTEGER NOT NULL, allow_home BOOLEAN, allow_common BOOLEAN,
        allow_view BOOLEAN, volume_source VARCHAR, volume_target VARCHAR, volume_mode VARCHAR(2), PRIMARY KEY (id));
      CREATE TABLE accounting (user_id INTEGER, application_id INTEGER, application_policy_id INTEGER,
        PRIMARY KEY (user_id, application_id, application_policy_id));`);
    db.close();
    expectRefusedUntouched(
      path,
      /column "application_policy\.app_license" is missing; .*column "accounting\.id" is missing/,
    );
  });

  it('opens an empty file as a new database', () => {
    const path = files.path('empty.db');
    writeFileSync(path, '');
    const catalog = Catalog.openFile(path);
    catalog.addUser('alice');
    catalog.close();
    expect(schemaOf(path)).toEqual(schemaOf(ORM_DB));
    expect(existsSync(`${path}-journal`)).toBe(false);
  });
});
