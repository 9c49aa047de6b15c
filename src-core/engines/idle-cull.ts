import type { CulledContainer, CullReport } from '../api/cull';
import { isExempt, parseDuration, type CullPolicy } from '../api/cull-policy';
import { errorPayloadOf, isCoreError } from '../api/errors';
import type { RealmContainer } from '../realm/container';
import type { Engines } from './engine-registry';

export interface CullOptions {
  engines: Pick<Engines, 'listAll' | 'manager'>;
  policy: CullPolicy;
  /** The last request or frame through the proxy to the container, ms; null when none is recorded. */
  lastActivity(container: RealmContainer): number | null;
  dryRun: boolean;
  /** Each container stopped or removed (or that could not be), as it ends. */
  onCulled?(entry: CulledContainer): void;
  now?: number;
}

type Due = Omit<CulledContainer, 'outcome' | 'error'>;
type Judged = Due | 'kept' | 'exempt' | null;

const seconds = (value: string | null) => (value === null ? null : parseDuration(value)! * 1000);

/**
 * Applies the cull policy once across the realm: a running container idle
 * past `idleFor` (since its last activity through the proxy, or its start
 * when none is recorded or the activity is older) is stopped and removed; an
 * exited one is removed `removeExitedAfter` after its exit. Every stop goes
 * through the realm's container manager, which refuses anything outside it.
 */
export async function cullRealm(options: CullOptions): Promise<CullReport> {
  const { engines, policy, dryRun } = options;
  const now = options.now ?? Date.now();
  const limits = { idle: seconds(policy.idleFor), exited: seconds(policy.removeExitedAfter) };
  const report: CullReport = {
    at: new Date(now).toISOString(),
    dryRun,
    idleFor: policy.idleFor,
    removeExitedAfter: policy.removeExitedAfter,
    containers: [],
    kept: 0,
    exempt: 0,
    engineErrors: [],
  };

  async function judge(engine: string, c: RealmContainer): Promise<Judged> {
    const running = c.state === 'running';
    const limit = running
      ? limits.idle
      : c.state === 'exited' || c.state === 'dead'
        ? limits.exited
        : null;
    if (limit === null) return null;
    if (isExempt(policy, c)) return 'exempt';
    const activity = running ? options.lastActivity(c) : null;
    // Started no earlier than created: a recent creation or activity needs no look at Docker.
    if ((activity !== null && now - activity < limit) || now - c.created * 1000 < limit)
      return 'kept';
    const details = await engines.manager(engine).inspectContainer(c.id);
    const created = c.created * 1000;
    const started = Date.parse(details.startedAt ?? '') || created;
    const since = !running
      ? { kind: 'exit' as const, at: Date.parse(details.finishedAt ?? '') || created }
      : activity !== null && activity >= started
        ? { kind: 'activity' as const, at: activity }
        : { kind: 'start' as const, at: started };
    const idle = now - since.at;
    if (idle < limit) return 'kept';
    return {
      engine,
      id: c.id,
      name: c.name,
      user: c.user,
      image: c.image,
      action: running ? 'stop' : 'remove',
      idleSeconds: Math.floor(idle / 1000),
      since: { kind: since.kind, at: new Date(since.at).toISOString() },
    };
  }

  const judged = await Promise.all(
    (await engines.listAll()).flatMap(({ engineId, containers, error }) => {
      if (error) {
        report.engineErrors.push({ engine: engineId, error });
        return [];
      }
      return containers.map((c) =>
        judge(engineId, c).catch((failure: unknown): Judged => {
          // Gone meanwhile: nothing to cull.
          if (!isCoreError(failure, 'NOT_FOUND'))
            report.engineErrors.push({ engine: engineId, error: errorPayloadOf(failure) });
          return null;
        }),
      );
    }),
  );
  const due: Due[] = [];
  for (const verdict of judged)
    if (verdict === 'kept') report.kept++;
    else if (verdict === 'exempt') report.exempt++;
    else if (verdict) due.push(verdict);

  report.containers = await Promise.all(
    due.map(async (entry): Promise<CulledContainer> => {
      if (dryRun) return { ...entry, outcome: 'dry-run' };
      let done: CulledContainer;
      try {
        await engines.manager(entry.engine).stopAndRemoveContainer(entry.id);
        done = { ...entry, outcome: 'done' };
      } catch (error) {
        done = { ...entry, outcome: 'failed', error: errorPayloadOf(error) };
      }
      options.onCulled?.(done);
      return done;
    }),
  );
  return report;
}
