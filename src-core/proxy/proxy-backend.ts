import type { RouteActivity } from './route-activity';

/** A container's route: requests under `prefix` go to `target`. */
export interface ProxyRoute {
  /** The container's `urlpath` label, without the trailing slash. */
  prefix: string;
  /** `http://ip:port`, the container's published port. */
  target: string;
  engineId: string;
  containerId: string;
}

/** A route as a proxy reports it; `owner` is set when this app registered it. */
export interface ListedRoute {
  prefix: string;
  target: string;
  owner?: { realm: string; engineId: string; containerId: string };
}

/**
 * Where routes live: the embedded proxy's table, or a configurable-http-proxy
 * reached through its REST API. Both take the same calls, so that the route
 * sync and the reconciliation work with either.
 */
export interface ProxyBackend {
  readonly kind: 'embedded' | 'chp';
  /** The address a browser opens for a route prefix. */
  urlFor(prefix: string): string;
  add(route: ProxyRoute, realm: string): Promise<void>;
  /** Idempotent: removing a route that is not there is not an error. */
  remove(prefix: string): Promise<void>;
  list(): Promise<ListedRoute[]>;
  /** When each route last carried a request or a WebSocket frame, as this proxy recorded it. */
  activity(): Promise<RouteActivity>;
}
