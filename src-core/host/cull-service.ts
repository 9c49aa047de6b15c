import type { CulledContainer, CullReport } from '../api/cull';
import { formatDuration, type CullPolicy } from '../api/cull-policy';
import { CoreError } from '../api/errors';
import type { AuditRecord } from '../catalog/audit-log';
import { readCullPolicy, writeCullPolicy } from '../engines/cull-policy-file';
import type { Engines } from '../engines/engine-registry';
import { cullRealm } from '../engines/idle-cull';
import type { ContainerActivity } from '../proxy/route-activity';

export interface CullServiceOptions {
  engines: Pick<Engines, 'listAll' | 'manager'>;
  /** The proxy's activity; without it every container counts from its start. */
  activity?: ContainerActivity;
  /** Where each stop and removal is audited (the catalog's audit log). */
  audit?(entry: Omit<AuditRecord, 'actor'>): void;
  /** Where the policy is kept; for this run only when absent. */
  policyPath?: string;
}

const SINCE = { activity: 'last activity', start: 'no activity since its start', exit: 'exited' };

/** The audit entry's detail: the idle time the cull saw, against what limit, and what came of it. */
function auditDetail(entry: CulledContainer, limit: string | null): string {
  const seen = `${entry.action === 'stop' ? 'idle' : 'exited'} ${formatDuration(entry.idleSeconds)} (over ${limit}; ${SINCE[entry.since.kind]} ${entry.since.at})`;
  const done = entry.action === 'stop' ? 'stopped and removed' : 'removed';
  return entry.error
    ? `${seen}: ${entry.error.message}`
    : `${seen}: ${done} ${entry.id.slice(0, 12)}`;
}

/**
 * The idle cull as the app runs it: the policy (kept in a file every front
 * end reads), a cull now and then while the app or serve mode runs, one on
 * demand (`remoteapp-admin cull`), each stop audited.
 */
export class CullService {
  private current: CullPolicy;
  private running: Promise<CullReport> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(report: CullReport) => void>();
  /** The latest cull that was not a dry run. */
  lastRun: CullReport | null = null;

  constructor(private readonly options: CullServiceOptions) {
    this.current = readCullPolicy(options.policyPath);
  }

  get policy(): CullPolicy {
    return this.current;
  }

  configure(policy: CullPolicy): void {
    if (this.options.policyPath) writeCullPolicy(this.options.policyPath, policy);
    this.current = policy;
  }

  /** Culls that did something (or failed to). */
  onCulled(listener: (report: CullReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies the policy once (`idleFor` standing in for its idle time). The
   * activity is read first: a proxy that cannot say (CHP unreachable) fails
   * the cull rather than have every container taken for idle.
   */
  async run(request: { dryRun: boolean; idleFor?: string }): Promise<CullReport> {
    if (this.running)
      throw new CoreError('OPERATION_IN_PROGRESS', 'A cull is already running', {
        reason: 'cull running',
      });
    const policy = { ...this.current, ...(request.idleFor && { idleFor: request.idleFor }) };
    if (policy.idleFor === null && policy.removeExitedAfter === null)
      throw CoreError.validation(
        'idleFor',
        'is not set: give an idle time, or set one in the cull policy (Proxy view)',
      );
    const run = this.cull(policy, request.dryRun);
    this.running = run;
    try {
      const report = await run;
      if (!report.dryRun) {
        this.lastRun = report;
        if (report.containers.length) for (const listener of this.listeners) listener(report);
      }
      return report;
    } finally {
      this.running = null;
    }
  }

  /** Applies the policy every `everyMs` while it sets something to do; a round still running is not doubled. */
  start(everyMs: number): void {
    this.timer ??= setInterval(() => {
      const { idleFor, removeExitedAfter } = this.current;
      if (this.running || (idleFor === null && removeExitedAfter === null)) return;
      this.run({ dryRun: false }).catch((error: Error) =>
        console.error(`idle cull: ${error.message}`),
      );
    }, everyMs).unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async cull(policy: CullPolicy, dryRun: boolean): Promise<CullReport> {
    const { activity, audit } = this.options;
    await activity?.refresh();
    return cullRealm({
      engines: this.options.engines,
      policy,
      dryRun,
      lastActivity: (container) => activity?.lastActivity(container) ?? null,
      onCulled: (entry) =>
        audit?.({
          action: entry.action === 'stop' ? 'containers.cull' : 'containers.cullExited',
          target: `${entry.user} ${entry.image}`,
          engine: entry.engine,
          result: entry.outcome === 'done' ? 'ok' : 'error',
          detail: auditDetail(
            entry,
            entry.action === 'stop' ? policy.idleFor : policy.removeExitedAfter,
          ),
        }),
    });
  }
}
