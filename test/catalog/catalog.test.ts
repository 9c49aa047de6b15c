import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isCoreError } from '../../src-core/api/errors';
import { Catalog } from '../../src-core/catalog/catalog';
import type { PolicyFields } from '../../src-core/catalog/policy';
import { scratch } from './catalog-files';

const files = scratch();
afterAll(() => files.remove());

const plain: PolicyFields = {
  appLicense: null,
  allowHome: true,
  allowView: true,
  allowCommon: false,
  volume: null,
  allowStartupData: false,
};
const licensed: PolicyFields = {
  appLicense: 'KEY-9',
  allowHome: false,
  allowView: false,
  allowCommon: true,
  volume: { source: '/srv/data', target: '/data', mode: 'rw' },
  allowStartupData: true,
};

function thrown(work: () => unknown) {
  try {
    work();
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected an error');
}

describe('the catalog', () => {
  it('adds a grant that is a row the ORM schema accepts, read back with plain SQL', () => {
    const path = files.ormCopy();
    const catalog = Catalog.openFile(path);
    catalog.addUser('carol@example.org');
    const { grant, created } = catalog.addGrant({
      user: 'carol@example.org',
      image: 'simphony/testapp:latest',
      policy: licensed,
    });
    catalog.close();
    expect(created).toBe(true);
    expect(grant.id).toMatch(/^[0-9a-f]{32}$/);

    // What remoteappmanager's accounting_for_user reads, in plain SQL with its pragma on.
    const db = new Database(path, { readonly: true });
    db.pragma('foreign_keys = ON');
    const row = db
      .prepare(
        `SELECT a.id, u.name, app.image, p.app_license, p.allow_home, p.allow_common, p.allow_view,
          p.volume_source, p.volume_target, p.volume_mode, p.allow_startup_data
         FROM accounting a JOIN user u ON u.id = a.user_id JOIN application app ON app.id = a.application_id
         JOIN application_policy p ON p.id = a.application_policy_id WHERE u.name = ?`,
      )
      .all('carol@example.org');
    expect(row).toEqual([
      {
        id: grant.id,
        name: 'carol@example.org',
        image: 'simphony/testapp:latest',
        app_license: 'KEY-9',
        allow_home: 0,
        allow_common: 1,
        allow_view: 0,
        volume_source: '/srv/data',
        volume_target: '/data',
        volume_mode: 'rw',
        allow_startup_data: 1,
      },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) AS n FROM accounting').get()).toEqual({ n: 6 });
    db.close();
  });

  it("reuses an existing policy row with the same fields, as remoteappmanager's grant_access does", () => {
    const catalog = Catalog.openFile(files.ormCopy());
    catalog.addUser('dan');
    const { grant } = catalog.addGrant({
      user: 'dan',
      image: 'simphony/labeled-app:1.0',
      policy: plain,
    });
    expect(grant.policy.id).toBe(1);
    expect(catalog.listPolicies()).toHaveLength(2);
    // Granting the same again gives back the same grant.
    const again = catalog.addGrant({
      user: 'dan',
      image: 'simphony/labeled-app:1.0',
      policy: plain,
    });
    expect(again).toEqual({ grant, created: false });
    catalog.close();
  });

  it('adds, lists, searches and removes users and applications; removing one takes its grants', () => {
    const catalog = Catalog.openFile(files.ormCopy());
    expect(catalog.addUser('erin')).toMatchObject({ name: 'erin' });
    expect(catalog.addApplication('remoteapp/new-app:2')).toMatchObject({
      image: 'remoteapp/new-app:2',
    });
    expect(catalog.listUsers('JOHN').map((u) => u.name)).toEqual(['john.doe@example.com']);
    expect(catalog.listUsers('_').map((u) => u.name)).toEqual(['bob_smith']);
    expect(catalog.listApplications('new').map((a) => a.image)).toEqual(['remoteapp/new-app:2']);
    expect(catalog.listGrants({ search: 'labeled' })).toHaveLength(2);
    expect(catalog.listGrants({ user: 'john.doe@example.com' })).toHaveLength(2);

    expect(catalog.removeUser('john.doe@example.com')).toEqual({ removedGrants: 2 });
    expect(catalog.listGrants()).toHaveLength(3);
    expect(catalog.removeApplication('simphony/testapp:latest')).toEqual({ removedGrants: 2 });
    expect(catalog.listGrants().map((g) => g.user.name)).toEqual(['alice']);
    catalog.close();
  });

  it('refuses duplicates, unknown names and bad input with the field named, changing nothing', () => {
    const catalog = Catalog.openFile(files.ormCopy());
    const before = catalog.listGrants();
    expect(thrown(() => catalog.addUser('alice'))).toMatchObject({
      code: 'CONFLICT',
      details: { field: 'name' },
    });
    expect(thrown(() => catalog.addUser(' \t'))).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'name' },
    });
    expect(thrown(() => catalog.addApplication('not an image'))).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'image' },
    });
    expect(
      thrown(() =>
        catalog.addGrant({ user: 'nobody', image: 'simphony/testapp:latest', policy: plain }),
      ),
    ).toMatchObject({
      code: 'NOT_FOUND',
      details: { field: 'user' },
    });
    expect(
      thrown(() =>
        catalog.addGrant({
          user: 'alice',
          image: 'simphony/testapp:latest',
          policy: { ...licensed, volume: { source: '/srv/../etc', target: '/data', mode: 'rw' } },
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION', details: { field: 'policy.volume.source' } });
    expect(
      thrown(() =>
        catalog.addGrant({
          user: 'alice',
          image: 'simphony/testapp:latest',
          policy: { ...licensed, volume: null },
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION', details: { field: 'policy.volume' } });
    expect(thrown(() => catalog.removeGrant('0123'))).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'id' },
    });
    expect(thrown(() => catalog.removeGrant('0'.repeat(32)))).toMatchObject({ code: 'NOT_FOUND' });
    expect(thrown(() => catalog.removePolicy(1))).toMatchObject({ code: 'CONFLICT' });
    expect(catalog.listGrants()).toEqual(before);
    expect(catalog.listPolicies()).toHaveLength(2);
    catalog.close();
  });

  it('removes a grant and an unused policy', () => {
    const catalog = Catalog.openFile(files.ormCopy());
    catalog.removeGrant('de43b03cebd240479a8692ca2fe34d6c');
    catalog.removeGrant('857fd34ababd4333b88929c0806ecd69');
    expect(catalog.listPolicies().map((p) => [p.id, p.grants])).toEqual([
      [1, 3],
      [2, 0],
    ]);
    catalog.removePolicy(2);
    expect(catalog.listPolicies().map((p) => p.id)).toEqual([1]);
    catalog.close();
  });

  it('rolls a failing import back whole', () => {
    const catalog = Catalog.openFile(files.ormCopy());
    const error = thrown(() =>
      catalog.importGrants(
        [
          { user: 'frank', image: 'app/one:1', policy: plain },
          { user: 'gina', image: 'app/two:1', policy: plain },
        ],
        // The second grant's id collides with an existing one: the whole import must go.
        (input) => (input.user === 'gina' ? 'cc8c1d2e0d804d8186b299288b4aa6c9' : 'f'.repeat(32)),
      ),
    );
    expect(isCoreError(error)).toBe(false);
    expect(catalog.listUsers().map((u) => u.name)).not.toContain('frank');
    expect(catalog.listApplications()).toHaveLength(2);
    catalog.close();
  });
});
