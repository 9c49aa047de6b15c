import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src-core/catalog/catalog';
import type { PolicyFields } from '../../src-core/catalog/policy';
import { scratch } from './catalog-files';

const files = scratch();
afterAll(() => files.remove());

const MIB = 1024 ** 2;
/** The ORM database's policy 1: home, viewable, nothing else. */
const homeOnly: PolicyFields = {
  appLicense: null,
  allowHome: true,
  allowView: true,
  allowCommon: false,
  volume: null,
  allowStartupData: false,
};
const small = { ...homeOnly, cpus: 0.5, memoryBytes: 64 * MIB };
const onWorkers = { ...homeOnly, constraints: ['node.role==worker', 'node.labels.zone==a'] };

function thrown(work: () => unknown) {
  try {
    work();
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected an error');
}

/** A grant of the labelled app to dan, who the ORM database does not have. */
function grantDan(catalog: Catalog, policy: PolicyFields) {
  return catalog.addGrant({ user: 'dan', image: 'simphony/labeled-app:1.0', policy });
}

describe("a policy's placement", () => {
  it('is kept beside the policy and read back with its grant', () => {
    const path = files.ormCopy();
    let catalog = Catalog.openFile(path);
    catalog.addUser('dan');
    const { grant } = grantDan(catalog, { ...small, constraints: onWorkers.constraints });
    catalog.close();

    catalog = Catalog.openFile(path);
    expect(catalog.grant(grant.id).policy).toEqual({
      ...homeOnly,
      id: 3,
      cpus: 0.5,
      memoryBytes: 64 * MIB,
      constraints: ['node.role==worker', 'node.labels.zone==a'],
    });
    expect(catalog.listPolicies().map((p) => [p.id, p.cpus ?? null, p.grants])).toEqual([
      [1, null, 3],
      [2, null, 2],
      [3, 0.5, 1],
    ]);
    catalog.close();
  });

  it('is part of what makes a policy: same fields and placement share a row, another placement gets its own', () => {
    const catalog = Catalog.openFile(files.ormCopy());
    catalog.addUser('dan');
    const plain = grantDan(catalog, homeOnly);
    const placed = grantDan(catalog, small);
    const again = grantDan(catalog, small);
    const constrained = grantDan(catalog, onWorkers);

    // Without placement it is the ORM's own policy 1, as before.
    expect(plain.grant.policy.id).toBe(1);
    expect(placed.grant.policy.id).toBe(3);
    expect(again).toEqual({ grant: placed.grant, created: false });
    expect(constrained.grant.policy.id).toBe(4);
    // dan now has three grants of one app, three mapping ids: one container each.
    expect(new Set([plain, placed, constrained].map((g) => g.grant.id)).size).toBe(3);
    // The grants already on policy 1 run as they did.
    expect(catalog.grant('b2deca0daa4847ff9373842b56255f0c').policy).toEqual({
      ...homeOnly,
      id: 1,
    });
    catalog.close();
  });

  it("leaves simphony-remote's rows as remoteappmanager reads them, and follows its policy out", () => {
    const path = files.ormCopy();
    const catalog = Catalog.openFile(path);
    catalog.addUser('dan');
    const { grant } = grantDan(catalog, small);
    catalog.close();

    // remoteappmanager's own read of dan's grants, with its pragma on: the policy row as any other.
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    expect(
      db
        .prepare(
          `SELECT a.id, app.image, p.allow_home, p.allow_view, p.allow_common, p.volume_source
           FROM accounting a JOIN user u ON u.id = a.user_id
           JOIN application app ON app.id = a.application_id
           JOIN application_policy p ON p.id = a.application_policy_id WHERE u.name = 'dan'`,
        )
        .all(),
    ).toEqual([
      {
        id: grant.id,
        image: 'simphony/labeled-app:1.0',
        allow_home: 1,
        allow_view: 1,
        allow_common: 0,
        volume_source: null,
      },
    ]);
    // Deleting the policy as remoteappmanager's ORM would takes its grant and its placement.
    db.prepare('DELETE FROM application_policy WHERE id = ?').run(grant.policy.id);
    expect(db.prepare('SELECT count(*) AS n FROM remoteapp_policy_placement').get()).toEqual({
      n: 0,
    });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuses bad CPUs, memory and constraints with VALIDATION naming the field, changing nothing', () => {
    const catalog = Catalog.openFile(files.ormCopy());
    catalog.addUser('dan');
    const refusals = [
      [{ ...homeOnly, cpus: 0 }, 'policy.cpus', /at least 0\.01 CPU/],
      [{ ...homeOnly, cpus: Number.NaN }, 'policy.cpus', /must be a number/],
      [{ ...homeOnly, memoryBytes: 1024 }, 'policy.memoryBytes', /at least 6 MiB/],
      [{ ...homeOnly, memoryBytes: 64 * MIB + 0.5 }, 'policy.memoryBytes', /whole number of bytes/],
      [
        { ...homeOnly, constraints: ['node.role==worker', 'rack=3'] },
        'policy.constraints[1]',
        /is not a placement constraint/,
      ],
    ] as const;
    for (const [policy, field, reason] of refusals)
      expect(thrown(() => grantDan(catalog, policy as PolicyFields))).toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(reason),
        details: { field },
      });
    expect(catalog.listGrants({ user: 'dan' })).toEqual([]);
    expect(catalog.listPolicies()).toHaveLength(2);
    catalog.close();
  });
});
