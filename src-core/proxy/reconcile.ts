import type { ListedRoute, ProxyBackend, ProxyRoute } from './proxy-backend';
import { prefixKey, prefixSegments } from './route-path';

export interface OrphanRoute {
  prefix: string;
  target: string;
  reason: string;
}

export interface ReconcileReport {
  backend: ProxyBackend['kind'];
  /** Container routes that lead to no ready container of the realm (or to the wrong address). */
  orphanRoutes: OrphanRoute[];
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

/**
 * Compares the proxy's routes with the routes the realm's ready containers
 * need. Routes registered by another realm are left alone.
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
  for (const route of listed) {
    const segments = prefixSegments(route.prefix);
    if (!segments || !isContainerRoute(segments)) continue;
    if (route.owner && route.owner.realm !== realm) continue;
    const key = prefixKey(segments);
    listedByKey.set(key, route);
    const want = wantedByKey.get(key);
    if (!want)
      orphanRoutes.push({
        prefix: route.prefix,
        target: route.target,
        reason: 'no ready container of the realm has this urlpath',
      });
    else if (want.target !== route.target)
      orphanRoutes.push({
        prefix: route.prefix,
        target: route.target,
        reason: `the container is at ${want.target}`,
      });
  }
  const unroutedContainers = [...wantedByKey].flatMap(([key, route]) =>
    listedByKey.get(key)?.target === route.target ? [] : [route],
  );
  return { backend, orphanRoutes, unroutedContainers };
}

/** Removes the orphan routes, then adds the missing ones: one action for the whole report. */
export async function applyReport(
  backend: ProxyBackend,
  realm: string,
  report: ReconcileReport,
): Promise<void> {
  for (const orphan of report.orphanRoutes) await backend.remove(orphan.prefix);
  for (const route of report.unroutedContainers) await backend.add(route, realm);
}
