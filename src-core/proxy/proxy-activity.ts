import type { RealmContainer } from '../realm/container';
import { writeActivityFile } from './activity-file';
import {
  ActivityTable,
  routeKey,
  type ContainerActivity,
  type RouteActivity,
} from './route-activity';

/** A container whose last activity moved on. */
export interface ActivityChange {
  engineId: string;
  id: string;
  at: number;
}

export interface ProxyActivitySource {
  /** The running proxy's activity per route. */
  read(): Promise<RouteActivity>;
  /** The realm's containers the proxy follows. */
  containers(): Array<{ engineId: string; container: RealmContainer }>;
  /** Where to keep the activity for the command line; null while CHP, which keeps its own, runs. */
  file(): string | null;
}

// Often enough for a "last active" column; each round reads memory (or CHP once).
const ROUND_MS = 10_000;

/**
 * The running proxy's activity: read every few seconds, the containers whose
 * time moved on sent to listeners (the UI's rows), and kept on disk for
 * `remoteapp-admin cull`, which does not run the proxy.
 */
export class ProxyActivity implements ContainerActivity {
  private readonly table: ActivityTable;
  private readonly listeners = new Set<(changes: ActivityChange[]) => void>();
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;

  constructor(private readonly source: ProxyActivitySource) {
    this.table = new ActivityTable(() => source.read());
  }

  refresh(): Promise<void> {
    return this.table.refresh();
  }

  lastActivity(container: RealmContainer): number | null {
    return this.table.lastActivity(container);
  }

  onChange(listener: (changes: ActivityChange[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), ROUND_MS).unref();
  }

  /** Stops the rounds, after a last one when there is a file to leave the latest in. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Not for CHP, which keeps its own: an unreachable one would hold the app's exit.
    if (this.source.file()) await this.tick();
  }

  /** One round at a time: CHP may take its time to answer. */
  private tick(): Promise<void> {
    this.round ??= this.update()
      // CHP unreachable: the route sync says so; the next round tries again.
      .catch(() => undefined)
      .finally(() => (this.round = null));
    return this.round;
  }

  private async update(): Promise<void> {
    await this.table.refresh();
    const known = this.source.containers();
    const keyed = known.map((k) => ({ ...k, key: routeKey(k.container.urlpath) }));
    this.table.retain(new Set(keyed.flatMap(({ key }) => (key === null ? [] : [key]))));
    const moved = this.table.takeChanges();
    if (moved.size === 0) return;
    const changes = keyed.flatMap(({ engineId, container, key }) => {
      const at = this.table.lastActivity(container);
      return key !== null && moved.has(key) && at !== null
        ? [{ engineId, id: container.id, at }]
        : [];
    });
    if (changes.length) for (const listener of this.listeners) listener(changes);
    const file = this.source.file();
    if (file) writeActivityFile(file, this.table.entries());
  }
}
