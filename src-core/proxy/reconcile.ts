import type { ListedRoute, ProxyBackend, ProxyRoute } from './proxy-backend';
import { prefixKey, prefixSegments } from './route-path';

/** A route as the report lists it, with why it is there. */
export interface ReportedRoute {
  prefix: string;
  target: string;
  reason: string;
}

/** One of our routes, with the container it was made for (from its marks). */
export interface OrphanRoute extends ReportedRoute {
  engineId: string;
  containerId: string;
}

export interface ReconcileReport {
  backend: ProxyBackend['kind'];
  /** Our container routes that lead to no ready container of the realm (or to the wrong address). */
  orphanRoutes: OrphanRoute[];
  /** Container routes this app did not mark as the realm's: listed, never changed. */
  foreignRoutes: ReportedRoute[];
  /** Ready containers that the proxy has no route for (or a route elsewhere). */
  unroutedContainers: ProxyRoute[];
}

/** simphony-remote's container routes end in `/containers/<url_id>`; others (the hub's) are not ours to judge. */
function isContainerRoute(segments: string[]): boolean {
  return segments.length >= 2 && segments[segments.length - 2] === 'containers';
}

const keyOf = (prefix: string) => {
  const segments = prefixSegments(prefix);
  return segments ? prefixKey(segments) : null;
};

function whose(route: ListedRoute): string {
  return route.owner
    ? `marked for realm "${route.owner.realm}"`
    : 'not marked by this app (simphony-remote, another tool or by hand)';
}

/**
 * Compares the proxy's routes with the routes the realm's ready containers
 * need. Only routes this app marked for the realm are ours to judge: a CHP
 * may be shared with simphony-remote or other realms, whose routes are
 * listed as foreign and left alone.
 */
export function diffRoutes(
  backend: ProxyBackend['kind'],
  realm: string,
  wanted: ProxyRoute[],
  listed: ListedRoute[],
): ReconcileReport {
  const wantedByKey = new Map<string, ProxyRoute>();
  for (const route of wanted) {
    const key = keyOf(route.prefix);
    if (key) wantedByKey.set(key, route);
  }
  const listedByKey = new Map<string, ListedRoute>();
  const orphanRoutes: OrphanRoute[] = [];
  const foreignRoutes: ReportedRoute[] = [];
  for (const route of listed) {
    const segments = prefixSegments(route.prefix);
    if (!segments || !isContainerRoute(segments)) continue;
    const key = prefixKey(segments);
    listedByKey.set(key, route);
    const want = wantedByKey.get(key);
    const { prefix, target, owner } = route;
    if (owner?.realm !== realm)
      foreignRoutes.push({
        prefix,
        target,
        reason:
          want && want.target !== target
            ? `${whose(route)}; it holds the path of a ready container of the realm, left without its route`
            : whose(route),
      });
    else if (!want || want.target !== target)
      orphanRoutes.push({
        prefix,
        target,
        reason: want
          ? `the container is at ${want.target}`
          : 'no ready container of the realm has this urlpath',
        engineId: owner.engineId,
        containerId: owner.containerId,
      });
  }
  const unroutedContainers = [...wantedByKey].flatMap(([key, route]) =>
    listedByKey.get(key)?.target === route.target ? [] : [route],
  );
  return { backend, orphanRoutes, foreignRoutes, unroutedContainers };
}

/**
 * Removes the orphan routes, then adds the missing ones, except where a
 * foreign route holds the path (adding would replace it); returns the
 * routes added.
 */
export async function applyReport(
  backend: ProxyBackend,
  realm: string,
  report: ReconcileReport,
): Promise<ProxyRoute[]> {
  for (const orphan of report.orphanRoutes) await backend.remove(orphan.prefix);
  const held = new Set(report.foreignRoutes.map((route) => keyOf(route.prefix)));
  const added: ProxyRoute[] = [];
  for (const route of report.unroutedContainers) {
    if (held.has(keyOf(route.prefix))) continue;
    await backend.add(route, realm);
    added.push(route);
  }
  return added;
}
