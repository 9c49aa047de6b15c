import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CoreError } from '../api/errors';
import {
  PLACEMENT_JOIN,
  POLICY_COLUMNS,
  grantFromRow,
  placementValues,
  policyFromRow,
  policyValues,
  type CatalogApplication,
  type CatalogUser,
  type Grant,
  type GrantRow,
  type PolicyRow,
} from './catalog-rows';
import { validateGrantId, validateImageName, validateUserName } from './names';
import { openDatabaseFile } from './open-database';
import { validatePolicy, type Policy, type PolicyFields } from './policy';

export interface GrantInput {
  user: string;
  image: string;
  policy: PolicyFields;
}

export interface GrantQuery {
  /** Part of a user name or an image name, case-insensitive. */
  search?: string;
  user?: string;
  image?: string;
}

export interface ImportSummary {
  grantsAdded: number;
  /** Grants the catalog already had: importing twice changes nothing. */
  grantsExisting: number;
  usersAdded: number;
  applicationsAdded: number;
  policiesAdded: number;
}

/** remoteappmanager's mapping ids are `uuid4().hex`. */
function newGrantId(): string {
  return randomUUID().replace(/-/g, '');
}

function like(search: string | undefined): string {
  return `%${(search ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const GRANT_SELECT = `SELECT a.id AS grant_id, u.id AS user_id, u.name AS user_name,
  app.id AS application_id, app.image AS image, ${POLICY_COLUMNS}
  FROM accounting a
  JOIN user u ON u.id = a.user_id
  JOIN application app ON app.id = a.application_id
  JOIN application_policy p ON p.id = a.application_policy_id
  ${PLACEMENT_JOIN}`;

/**
 * Users, applications, policies and grants in simphony-remote's tables.
 * Every change runs in one transaction; a read-only catalog (a CSV source,
 * a file this process may not write) refuses changes with CONFLICT.
 */
export class Catalog {
  readonly source: string;
  readonly readOnly: boolean;

  constructor(
    readonly db: Database.Database,
    options: { source: string; readOnly?: boolean },
  ) {
    this.source = options.source;
    this.readOnly = options.readOnly ?? false;
  }

  /** Opens (or creates) a simphony-remote SQLite database file; read-only when the file is. */
  static openFile(path: string): Catalog {
    const { db, readOnly } = openDatabaseFile(path);
    return new Catalog(db, { source: path, readOnly });
  }

  close() {
    this.db.close();
  }

  /** Runs `work` in one transaction (a savepoint when already inside one). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  // Users

  listUsers(search?: string): Array<CatalogUser & { grants: number }> {
    return this.db
      .prepare(
        `SELECT u.id, u.name, count(a.id) AS grants FROM user u
         LEFT JOIN accounting a ON a.user_id = u.id
         WHERE u.name LIKE ? ESCAPE '\\' GROUP BY u.id ORDER BY u.name`,
      )
      .all(like(search)) as Array<CatalogUser & { grants: number }>;
  }

  addUser(name: string): CatalogUser {
    const user = validateUserName(name, 'name');
    return { id: this.insertNamed('user', 'name', user, 'User'), name: user };
  }

  /** Removes the user and, as remoteappmanager's cascade does, the user's grants. */
  removeUser(name: string): { removedGrants: number } {
    const user = this.userByName(validateUserName(name, 'name'), 'name');
    return this.change(() => {
      const removedGrants = this.countGrants('user_id', user.id);
      this.db.prepare('DELETE FROM user WHERE id = ?').run(user.id);
      return { removedGrants };
    });
  }

  // Applications

  listApplications(search?: string): Array<CatalogApplication & { grants: number }> {
    return this.db
      .prepare(
        `SELECT app.id, app.image, count(a.id) AS grants FROM application app
         LEFT JOIN accounting a ON a.application_id = app.id
         WHERE app.image LIKE ? ESCAPE '\\' GROUP BY app.id ORDER BY app.image`,
      )
      .all(like(search)) as Array<CatalogApplication & { grants: number }>;
  }

  addApplication(image: string): CatalogApplication {
    const name = validateImageName(image);
    return { id: this.insertNamed('application', 'image', name, 'Application'), image: name };
  }

  removeApplication(image: string): { removedGrants: number } {
    const app = this.applicationByImage(validateImageName(image), 'image');
    return this.change(() => {
      const removedGrants = this.countGrants('application_id', app.id);
      this.db.prepare('DELETE FROM application WHERE id = ?').run(app.id);
      return { removedGrants };
    });
  }

  // Policies

  listPolicies(): Array<Policy & { grants: number }> {
    const rows = this.db
      .prepare(
        `SELECT ${POLICY_COLUMNS}, count(a.id) AS grants FROM application_policy p ${PLACEMENT_JOIN}
         LEFT JOIN accounting a ON a.application_policy_id = p.id GROUP BY p.id ORDER BY p.id`,
      )
      .all() as Array<PolicyRow & { grants: number }>;
    return rows.map((row) => ({ ...policyFromRow(row), grants: row.grants }));
  }

  /** The policy with exactly these fields, created when there is none (as grant_access does). */
  addPolicy(fields: PolicyFields): Policy {
    const policy = validatePolicy(fields);
    return this.change(() => this.ensurePolicy(policy).policy);
  }

  /** Removes a policy no grant uses; one in use is refused rather than taking grants with it. */
  removePolicy(id: number) {
    if (!Number.isInteger(id)) throw CoreError.validation('id', 'must be a policy id');
    this.change(() => {
      const used = this.countGrants('application_policy_id', id);
      if (used > 0)
        throw new CoreError('CONFLICT', `Policy ${id} is used by ${used} grant(s)`, {
          field: 'id',
          reason: 'in use',
        });
      const { changes } = this.db.prepare('DELETE FROM application_policy WHERE id = ?').run(id);
      if (changes === 0) throw new CoreError('NOT_FOUND', `No policy ${id}`, { field: 'id' });
    });
  }

  // Grants

  listGrants(query: GrantQuery = {}): Grant[] {
    const where = ["(u.name LIKE ? ESCAPE '\\' OR app.image LIKE ? ESCAPE '\\')"];
    const values: unknown[] = [like(query.search), like(query.search)];
    if (query.user !== undefined) {
      where.push('u.name = ?');
      values.push(query.user);
    }
    if (query.image !== undefined) {
      where.push('app.image = ?');
      values.push(query.image);
    }
    const rows = this.db
      .prepare(`${GRANT_SELECT} WHERE ${where.join(' AND ')} ORDER BY u.name, app.image, p.id`)
      .all(...values) as Array<GrantRow & PolicyRow>;
    return rows.map(grantFromRow);
  }

  grant(id: string): Grant {
    const grantId = validateGrantId(id, 'id');
    const row = this.db.prepare(`${GRANT_SELECT} WHERE a.id = ?`).get(grantId) as
      (GrantRow & PolicyRow) | undefined;
    if (!row) throw new CoreError('NOT_FOUND', `No grant ${grantId}`, { field: 'id' });
    return grantFromRow(row);
  }

  /**
   * Grants `image` to `user` under a policy with these fields. The user and
   * the application must exist; granting the same again returns the grant
   * already there, as remoteappmanager's grant_access does.
   */
  addGrant(input: GrantInput): { grant: Grant; created: boolean } {
    const user = validateUserName(input?.user);
    const image = validateImageName(input?.image);
    const policy = validatePolicy(input.policy);
    return this.change(() => {
      const userId = this.userByName(user, 'user').id;
      const appId = this.applicationByImage(image, 'image').id;
      const policyId = this.ensurePolicy(policy).policy.id;
      const { id, created } = this.ensureGrant(userId, appId, policyId, newGrantId());
      return { grant: this.grant(id), created };
    });
  }

  removeGrant(id: string) {
    const grantId = validateGrantId(id, 'id');
    this.change(() => {
      const { changes } = this.db.prepare('DELETE FROM accounting WHERE id = ?').run(grantId);
      if (changes === 0) throw new CoreError('NOT_FOUND', `No grant ${grantId}`, { field: 'id' });
    });
  }

  /**
   * Adds many grants in one transaction, creating users, applications and
   * policies as needed. `idFor` chooses new grants' ids (random by default).
   * Inputs must be validated already (the CSV reader does it row by row).
   */
  importGrants(inputs: GrantInput[], idFor: (input: GrantInput) => string = newGrantId) {
    return this.change(() => {
      const summary: ImportSummary = {
        grantsAdded: 0,
        grantsExisting: 0,
        usersAdded: 0,
        applicationsAdded: 0,
        policiesAdded: 0,
      };
      const insertUser = this.db.prepare(
        'INSERT INTO user (name) VALUES (?) ON CONFLICT DO NOTHING',
      );
      const insertApp = this.db.prepare(
        'INSERT INTO application (image) VALUES (?) ON CONFLICT DO NOTHING',
      );
      for (const input of inputs) {
        summary.usersAdded += insertUser.run(input.user).changes;
        summary.applicationsAdded += insertApp.run(input.image).changes;
        const policy = this.ensurePolicy(input.policy);
        if (policy.created) summary.policiesAdded++;
        const grant = this.ensureGrant(
          this.userByName(input.user, 'user').id,
          this.applicationByImage(input.image, 'image').id,
          policy.policy.id,
          idFor(input),
        );
        if (grant.created) summary.grantsAdded++;
        else summary.grantsExisting++;
      }
      return summary;
    });
  }

  private change<T>(work: () => T): T {
    if (this.readOnly)
      throw new CoreError('CONFLICT', `${this.source} is a read-only catalog: it cannot change`, {
        reason: 'read-only',
      });
    return this.transaction(work);
  }

  /** Inserts a user or an application (unique by name), refusing one that exists with CONFLICT. */
  private insertNamed(table: 'user' | 'application', column: string, value: string, what: string) {
    return this.change(() => {
      try {
        const sql = `INSERT INTO ${table} (${column}) VALUES (?)`;
        return Number(this.db.prepare(sql).run(value).lastInsertRowid);
      } catch (error) {
        if (isUniqueViolation(error))
          throw new CoreError('CONFLICT', `${what} "${value}" already exists`, {
            field: column,
            reason: 'exists',
          });
        throw error;
      }
    });
  }

  private userByName(name: string, field: string): CatalogUser {
    const row = this.db.prepare('SELECT id, name FROM user WHERE name = ?').get(name) as
      CatalogUser | undefined;
    if (!row) throw new CoreError('NOT_FOUND', `No user "${name}"`, { field, reason: 'not found' });
    return row;
  }

  private applicationByImage(image: string, field: string): CatalogApplication {
    const row = this.db.prepare('SELECT id, image FROM application WHERE image = ?').get(image) as
      CatalogApplication | undefined;
    if (!row)
      throw new CoreError('NOT_FOUND', `No application "${image}"`, { field, reason: 'not found' });
    return row;
  }

  private countGrants(column: string, id: number): number {
    return (
      this.db.prepare(`SELECT count(*) AS n FROM accounting WHERE ${column} = ?`).get(id) as {
        n: number;
      }
    ).n;
  }

  /**
   * The policy with exactly these fields, placement included, created when
   * there is none. Placement is part of a policy's identity: granting with
   * other CPUs, memory or constraints must not change how the grants already
   * sharing a row run, so it makes a row of its own, and two grants of one
   * user and application may differ by placement alone. The price: such rows
   * look alike to remoteappmanager, whose own grant and revoke by fields
   * (`remoteappdb`) then find several and refuse; its users' launches, which
   * go by grant, are unaffected.
   */
  private ensurePolicy(fields: PolicyFields): { policy: Policy; created: boolean } {
    const values = policyValues(fields);
    const placement = placementValues(fields);
    const found = this.db
      .prepare(
        `SELECT ${POLICY_COLUMNS} FROM application_policy p ${PLACEMENT_JOIN} WHERE p.app_license IS ?
         AND p.allow_home IS ? AND p.allow_common IS ? AND p.allow_view IS ?
         AND p.volume_source IS ? AND p.volume_target IS ? AND p.volume_mode IS ?
         AND p.allow_startup_data IS ? AND pp.cpus IS ? AND pp.memory_bytes IS ?
         AND pp.constraints IS ? ORDER BY p.id LIMIT 1`,
      )
      .get(...values, ...placement) as PolicyRow | undefined;
    if (found) return { policy: policyFromRow(found), created: false };
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO application_policy (app_license, allow_home, allow_common, allow_view,
           volume_source, volume_target, volume_mode, allow_startup_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...values).lastInsertRowid,
    );
    if (placement.some((value) => value !== null))
      this.db
        .prepare(
          `INSERT INTO remoteapp_policy_placement (policy_id, cpus, memory_bytes, constraints)
           VALUES (?, ?, ?, ?)`,
        )
        .run(id, ...placement);
    return { policy: { ...fields, id }, created: true };
  }

  private ensureGrant(userId: number, appId: number, policyId: number, newId: string) {
    const existing = this.db
      .prepare(
        'SELECT id FROM accounting WHERE user_id = ? AND application_id = ? AND application_policy_id = ?',
      )
      .get(userId, appId, policyId) as { id: string } | undefined;
    if (existing) return { id: existing.id, created: false };
    this.db
      .prepare(
        'INSERT INTO accounting (id, user_id, application_id, application_policy_id) VALUES (?, ?, ?, ?)',
      )
      .run(newId, userId, appId, policyId);
    return { id: newId, created: true };
  }
}
