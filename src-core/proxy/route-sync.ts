import type { EngineRegistry } from '../engines/engine-registry';
import type { RealmContainer } from '../realm/container';
import type { ProxyBackend, ProxyRoute } from './proxy-backend';
import type { ReadinessService } from './readiness-service';
import { applyReport, diffRoutes, type ReconcileReport } from './reconcile';

/** What the route sync reads of the realm: its listing and its live changes. */
export type RealmFeed = Pick<EngineRegistry, 'realm' | 'listAll' | 'onContainer'>;

interface Known {
  engineId: string;
  container: RealmContainer;
}

const key = (engineId: string, id: string) => `${engineId}/${id}`;
// A failed write is already in `lastError`, and reconciliation repairs it.
const kept = () => undefined;

/**
 * Keeps a proxy's routes in step with the realm: a container gets its route
 * once it is running and its app answered, and loses it when it stops, dies
 * or goes. Writes to the proxy go one at a time, in order.
 */
export class RouteSync {
  private readonly known = new Map<string, Known>();
  /** The route this sync registered for each container. */
  private readonly routed = new Map<string, ProxyRoute>();
  private queue: Promise<void> = Promise.resolve();
  /** Each container's latest route write, until it is done. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly unsubscribe: Array<() => void> = [];
  /** The last failure to write a route; reconciliation repairs what it left. */
  lastError: string | null = null;

  constructor(
    private readonly feed: RealmFeed,
    private readonly backend: ProxyBackend,
    private readonly readiness: ReadinessService,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe.push(
      this.feed.onContainer((change) => {
        if (change.kind === 'removed') this.drop(change.engineId, change.id);
        else this.track(change.engineId, change.container).catch(kept);
      }),
      this.readiness.onChange(({ engineId, id }) => this.update(key(engineId, id)).catch(kept)),
    );
    for (const listing of await this.feed.listAll())
      for (const container of listing.containers)
        this.track(listing.engineId, container).catch(kept);
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    await this.settled();
  }

  /**
   * Takes in a container's latest state (from the feed, or straight from a
   * launch); resolves once its route is written, rejects if that failed.
   */
  track(engineId: string, container: RealmContainer): Promise<void> {
    this.known.set(key(engineId, container.id), { engineId, container });
    if (container.state === 'running' && container.port !== null)
      this.readiness.watch(engineId, container);
    else this.readiness.forget(engineId, container.id);
    return this.update(key(engineId, container.id));
  }

  /** Every container the sync knows of, routed or not. */
  containers(): Array<{ engineId: string; container: RealmContainer }> {
    return [...this.known.values()];
  }

  /** Where a container's app is opened, once it is routed; else null. */
  urlOf(engineId: string, id: string): string | null {
    const route = this.routed.get(key(engineId, id));
    return route ? this.backend.urlFor(route.prefix) : null;
  }

  /** Resolves once every route write asked for so far is done. */
  settled(): Promise<void> {
    return this.queue;
  }

  /** The routes the realm's ready containers need. */
  wanted(): ProxyRoute[] {
    return [...this.known.values()].flatMap(({ engineId, container }) => {
      const route = this.wantedFor(engineId, container);
      return route ? [route] : [];
    });
  }

  async reconcile(): Promise<ReconcileReport> {
    await this.settled();
    return diffRoutes(this.backend.kind, this.feed.realm, this.wanted(), await this.backend.list());
  }

  /**
   * Fixes what `reconcile` reports (only the routes at the paths `only`
   * names, when given), in one go; returns the report after the fix.
   */
  async fix(only?: ReadonlySet<string>): Promise<ReconcileReport> {
    const report = await this.reconcile();
    const chosen = (route: { prefix: string }) => !only || only.has(route.prefix);
    const fixing = {
      ...report,
      orphanRoutes: report.orphanRoutes.filter(chosen),
      unroutedContainers: report.unroutedContainers.filter(chosen),
    };
    await this.write(async () => {
      for (const route of await applyReport(this.backend, this.feed.realm, fixing))
        this.routed.set(key(route.engineId, route.containerId), route);
    });
    return this.reconcile();
  }

  private drop(engineId: string, id: string): void {
    this.known.delete(key(engineId, id));
    this.readiness.forget(engineId, id);
    this.update(key(engineId, id)).catch(kept);
  }

  private wantedFor(engineId: string, container: RealmContainer): ProxyRoute | null {
    if (container.state !== 'running' || container.port === null || !container.urlpath) return null;
    if (this.readiness.readiness(engineId, container.id) !== 'ready') return null;
    return {
      prefix: container.urlpath.replace(/\/+$/, ''),
      target: `http://${container.ip}:${container.port}`,
      engineId,
      containerId: container.id,
    };
  }

  private update(k: string): Promise<void> {
    const known = this.known.get(k);
    const want = known ? this.wantedFor(known.engineId, known.container) : null;
    const have = this.routed.get(k);
    if (have?.prefix === want?.prefix && have?.target === want?.target)
      return this.writes.get(k) ?? Promise.resolve();
    if (want) this.routed.set(k, want);
    else this.routed.delete(k);
    const done = this.write(async () => {
      if (have) await this.backend.remove(have.prefix);
      if (want) await this.backend.add(want, this.feed.realm);
    });
    this.writes.set(k, done);
    const forget = () => {
      if (this.writes.get(k) === done) this.writes.delete(k);
    };
    done.then(forget, forget);
    return done;
  }

  /** Runs `step` after every earlier write; its failure is kept in `lastError` and returned. */
  private write(step: () => Promise<void>): Promise<void> {
    const done = this.queue.then(step);
    this.queue = done.then(
      () => {
        this.lastError = null;
      },
      (error: Error) => {
        this.lastError = error.message;
      },
    );
    return done;
  }
}
