import type { Launcher } from '../engines/launcher';
import type { RealmManager } from '../realm/realm-manager';
import { AuditLog, type AuditEntry, type AuditRecord } from './audit-log';
import { Catalog, type GrantInput, type GrantQuery } from './catalog';
import { readGrantsCsv, writeGrantsCsv } from './csv-grants';
import { openCsvCatalog } from './csv-source';
import {
  launchForUsers,
  launchGrants,
  stopApplicationContainers,
  stopUserContainers,
  type LaunchProgress,
  type StopOutcome,
} from './grant-launcher';
import type { ConfigurableValues } from './grant-start-request';
import { LaunchSettingsStore, type LaunchSettings } from './launch-settings';
import type { PolicyFields } from './policy';

export type CatalogKind = 'sqlite' | 'csv';

export interface CatalogInfo {
  source: string;
  kind: CatalogKind;
  readOnly: boolean;
  /** Whether this is the app's own database in its data folder. */
  isHome: boolean;
  users: number;
  applications: number;
  policies: number;
  grants: number;
}

/** Which lists a change made stale, so that every open view can refresh just those. */
export type CatalogChange =
  'catalog' | 'users' | 'applications' | 'policies' | 'grants' | 'settings';

/** Whom to launch: grants by id, or one application for chosen users through their grants. */
export type LaunchTarget =
  { grantIds: string[] } | { image: string; policyId?: number; users: string[] };

export interface CatalogServiceOptions {
  /** The app's own database (in its data folder): the default catalog, the audit log, the settings. */
  home: Catalog;
  /** The workstation user the audit log names. */
  actor: string;
  /** The realm's manager on an engine (CoreError NOT_FOUND for an unknown one), for stops. */
  manager: (engine: string) => RealmManager;
  /** Where grant launches go and how they start. */
  launcher: Pick<Launcher, 'launchAll'>;
  now?: () => Date;
}

const message = (error: unknown) => String((error as Error)?.message ?? error);

/**
 * The catalog as the operator works on it: the open catalog (the app's own
 * database, a deployment's database or a read-only CSV file), launches
 * through the engines, and an audit entry for every action, written in the
 * same transaction as the change when the catalog is the app's own.
 */
export class CatalogService {
  readonly audit: AuditLog;
  readonly settings: LaunchSettingsStore;
  private readonly home: Catalog;
  private current: Catalog;
  private kind: CatalogKind = 'sqlite';
  private readonly changeListeners = new Set<(change: CatalogChange) => void>();
  private readonly auditListeners = new Set<(entry: AuditEntry) => void>();

  constructor(private readonly options: CatalogServiceOptions) {
    this.home = options.home;
    this.current = options.home;
    this.audit = new AuditLog(options.home.db, options.now);
    this.settings = new LaunchSettingsStore(options.home.db);
  }

  get catalog(): Catalog {
    return this.current;
  }

  info(): CatalogInfo {
    const count = (table: string) =>
      (this.current.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      source: this.current.source,
      kind: this.kind,
      readOnly: this.current.readOnly,
      isHome: this.current === this.home,
      users: count('user'),
      applications: count('application'),
      policies: count('application_policy'),
      grants: count('accounting'),
    };
  }

  onChange(listener: (change: CatalogChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onAudit(listener: (entry: AuditEntry) => void): () => void {
    this.auditListeners.add(listener);
    return () => this.auditListeners.delete(listener);
  }

  /** Works on another catalog: a deployment's SQLite database, a CSV file, or (no path) the app's own. */
  open(kind: CatalogKind, path?: string): CatalogInfo {
    const target = path ?? this.home.source;
    return this.audited(
      'catalog.open',
      `${kind}:${target}`,
      null,
      () => {
        const next =
          path === undefined || path === this.home.source
            ? this.home
            : kind === 'csv'
              ? openCsvCatalog(path)
              : Catalog.openFile(path);
        if (this.current !== this.home && this.current !== next) this.current.close();
        this.current = next;
        this.kind = next === this.home ? 'sqlite' : kind;
        return this.info();
      },
      (info) => `${info.grants} grant(s), ${info.readOnly ? 'read-only' : 'writable'}`,
      ['catalog'],
      false,
    );
  }

  addUser(name: string) {
    return this.audited(
      'user.add',
      name,
      null,
      () => this.current.addUser(name),
      () => '',
      ['users'],
    );
  }

  removeUser(name: string) {
    return this.audited(
      'user.remove',
      name,
      null,
      () => this.current.removeUser(name),
      (r) => `${r.removedGrants} grant(s) removed`,
      ['users', 'grants'],
    );
  }

  addApplication(image: string) {
    return this.audited(
      'application.add',
      image,
      null,
      () => this.current.addApplication(image),
      () => '',
      ['applications'],
    );
  }

  removeApplication(image: string) {
    return this.audited(
      'application.remove',
      image,
      null,
      () => this.current.removeApplication(image),
      (r) => `${r.removedGrants} grant(s) removed`,
      ['applications', 'grants'],
    );
  }

  addPolicy(fields: PolicyFields) {
    return this.audited(
      'policy.add',
      'policy',
      null,
      () => this.current.addPolicy(fields),
      (p) => `policy ${p.id}`,
      ['policies'],
    );
  }

  removePolicy(id: number) {
    return this.audited(
      'policy.remove',
      `policy ${id}`,
      null,
      () => this.current.removePolicy(id),
      () => '',
      ['policies'],
    );
  }

  addGrant(input: GrantInput) {
    return this.audited(
      'grant.add',
      `${input?.user} ${input?.image}`,
      null,
      () => this.current.addGrant(input),
      (r) => `${r.created ? 'granted' : 'already granted'}: ${r.grant.id}`,
      ['grants', 'policies', 'users', 'applications'],
    );
  }

  removeGrant(id: string) {
    return this.audited(
      'grant.remove',
      id,
      null,
      () => this.current.removeGrant(id),
      () => '',
      ['grants', 'users', 'applications', 'policies'],
    );
  }

  listGrants(query: GrantQuery = {}) {
    return this.current.listGrants(query);
  }

  /** Imports simphony-remote CSV text: all rows or, on any bad row, none. */
  importCsv(text: string, name: string) {
    return this.audited(
      'catalog.import',
      name,
      null,
      () => this.current.importGrants(readGrantsCsv(text)),
      (s) => `${s.grantsAdded} grant(s) added, ${s.grantsExisting} already there`,
      ['users', 'applications', 'policies', 'grants'],
    );
  }

  exportCsv(): string {
    return this.audited(
      'catalog.export',
      this.current.source,
      null,
      () => writeGrantsCsv(this.current.listGrants()),
      (text) => `${text.split('\n').length - 2} grant(s)`,
      [],
      false,
    );
  }

  setSettings(changes: Partial<LaunchSettings>): LaunchSettings {
    return this.audited(
      'settings.change',
      Object.keys(changes).join(', '),
      null,
      () => this.settings.set(changes),
      (s) => JSON.stringify(s),
      ['settings'],
    );
  }

  /**
   * Launches many users at once, each on the engine chosen for them (see
   * Launcher); each user's outcome is reported as it comes and audited on
   * its own.
   */
  async launch(
    choice: string,
    target: LaunchTarget,
    options: {
      configurables?: ConfigurableValues;
      concurrency?: number;
      onProgress?: (p: LaunchProgress) => void;
    } = {},
  ): Promise<LaunchProgress[]> {
    const auditTarget = 'grantIds' in target ? `${target.grantIds.length} grant(s)` : target.image;
    try {
      const launchOptions = {
        ...this.settings.get(),
        ...options,
        onProgress: (p: LaunchProgress) => {
          if (p.state === 'running' || p.state === 'failed')
            this.record({
              action: 'grant.launch',
              target: `${p.user} ${p.image}`.trim() || (p.grantId ?? ''),
              engine: p.engine ?? choice,
              result: p.state === 'running' ? 'ok' : 'error',
              detail:
                p.state === 'running'
                  ? `grant ${p.grantId}: container ${p.container!.id.slice(0, 12)}`
                  : `${p.grantId ? `grant ${p.grantId}: ` : ''}${p.error!.message}`,
            });
          options.onProgress?.(p);
        },
      };
      const engines = { launcher: this.options.launcher, choice };
      return 'grantIds' in target
        ? await launchGrants(this.current, engines, target.grantIds, launchOptions)
        : await launchForUsers(this.current, engines, target, launchOptions);
    } catch (error) {
      this.record({
        action: 'grant.launch',
        target: auditTarget,
        engine: choice,
        result: 'error',
        detail: message(error),
      });
      throw error;
    }
  }

  stopUser(engine: string, user: string): Promise<StopOutcome[]> {
    return this.auditedStop('containers.stopUser', user, engine, (manager) =>
      stopUserContainers(manager, user),
    );
  }

  stopApplication(engine: string, image: string): Promise<StopOutcome[]> {
    return this.auditedStop('containers.stopApplication', image, engine, (manager) =>
      stopApplicationContainers(this.current, manager, image),
    );
  }

  close() {
    if (this.current !== this.home) this.current.close();
    this.home.close();
  }

  /** Audits an action done elsewhere (on the engines, the proxy) by this workstation's user. */
  record(entry: Omit<AuditRecord, 'actor'>): AuditEntry {
    const written = this.audit.record({ ...entry, actor: this.options.actor });
    for (const listener of this.auditListeners) listener(written);
    return written;
  }

  /**
   * Runs a catalog action and audits it. On the app's own database the
   * change and its audit entry commit together or not at all.
   */
  private audited<T>(
    action: string,
    target: string,
    engine: string | null,
    work: () => T,
    detail: (result: T) => string,
    changes: CatalogChange[],
    sameTransaction = true,
  ): T {
    const entry = { action, target, engine, actor: this.options.actor };
    let written: AuditEntry;
    let result: T;
    try {
      const run = () => {
        result = work();
        written = this.audit.record({ ...entry, result: 'ok', detail: detail(result) });
      };
      if (sameTransaction && this.current === this.home) this.home.transaction(run);
      else run();
    } catch (error) {
      this.record({
        action,
        target: String(target),
        engine,
        result: 'error',
        detail: message(error),
      });
      throw error;
    }
    for (const listener of this.auditListeners) listener(written!);
    for (const change of changes) for (const listener of this.changeListeners) listener(change);
    return result!;
  }

  private async auditedStop(
    action: string,
    target: string,
    engine: string,
    work: (manager: RealmManager) => Promise<StopOutcome[]>,
  ): Promise<StopOutcome[]> {
    try {
      const outcomes = await work(this.options.manager(engine));
      const failed = outcomes.filter((o) => o.error);
      this.record({
        action,
        target,
        engine,
        result: failed.length ? 'error' : 'ok',
        detail: `${outcomes.length - failed.length} stopped${failed.length ? `, ${failed.length} failed: ${failed[0]!.error!.message}` : ''}`,
      });
      return outcomes;
    } catch (error) {
      this.record({ action, target, engine, result: 'error', detail: message(error) });
      throw error;
    }
  }
}
