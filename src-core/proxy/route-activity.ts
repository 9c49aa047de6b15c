import type { RealmContainer } from '../realm/container';
import { prefixKey, prefixSegments } from './route-path';

/** When each route last carried a request or a WebSocket frame, ms since the epoch, by `routeKey`. */
export type RouteActivity = Map<string, number>;

/** A route prefix or urlpath as activity is keyed: its decoded segments, so that CHP's paths match. */
export function routeKey(prefix: string): string | null {
  const segments = prefixSegments(prefix);
  return segments && prefixKey(segments);
}

/** What the host and the cull read of the proxy's activity. */
export interface ContainerActivity {
  /** Reads the proxy's latest; rejects when it cannot say (CHP unreachable). */
  refresh(): Promise<void>;
  /**
   * The last request or frame to the container's route since the container
   * was created (an older one was another container's at that path), as of
   * the latest refresh; null when none is recorded.
   */
  lastActivity(container: RealmContainer): number | null;
}

/**
 * Activity as last read from its source, each route's latest kept: a proxy
 * that is replaced (a settings change) or forgets a route leaves what it
 * recorded here.
 */
export class ActivityTable implements ContainerActivity {
  private readonly latest: RouteActivity = new Map();
  /** Routes whose time moved on since `takeChanges`. */
  private readonly changed = new Set<string>();

  constructor(private readonly read: () => Promise<RouteActivity>) {}

  async refresh(): Promise<void> {
    for (const [key, at] of await this.read())
      if (at > (this.latest.get(key) ?? 0)) {
        this.latest.set(key, at);
        this.changed.add(key);
      }
  }

  lastActivity(container: RealmContainer): number | null {
    const key = routeKey(container.urlpath);
    const at = key === null ? undefined : this.latest.get(key);
    return at !== undefined && at >= container.created * 1000 ? at : null;
  }

  /** The routes whose time moved on since the last call. */
  takeChanges(): Set<string> {
    const changes = new Set(this.changed);
    this.changed.clear();
    return changes;
  }

  /** Forgets the routes not in `keys` (containers gone), so that the table does not grow for ever. */
  retain(keys: Set<string>): void {
    for (const key of this.latest.keys()) if (!keys.has(key)) this.latest.delete(key);
  }

  entries(): RouteActivity {
    return new Map(this.latest);
  }
}
