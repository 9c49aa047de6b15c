import { CoreError } from '../api/errors';
import type { ListedRoute, ProxyBackend, ProxyRoute } from './proxy-backend';
import { containerUrl } from './proxy-url';
import { routeKey, type RouteActivity } from './route-activity';

export interface ChpOptions {
  /** Where CHP's REST API answers, such as `http://127.0.0.1:8001`. */
  apiUrl: string;
  /** CHP's `CONFIGPROXY_AUTH_TOKEN`; never shown, never logged. */
  token: string;
  /** Where CHP's public side answers: the base of every container URL. */
  publicUrl: string;
}

/** What CHP keeps beside a route's target: our marks, so that reconciliation knows whose it is. */
interface ChpRouteData {
  target: string;
  remoteapp_realm?: string;
  remoteapp_engine?: string;
  remoteapp_container?: string;
  /** Set by CHP when the route is added and on every request and WebSocket frame through it. */
  last_activity?: string;
}

/**
 * configurable-http-proxy as the route store, for deployments where it
 * already fronts simphony-remote: routes are added, removed and read through
 * its REST API (`/api/routes`), authenticated with its token.
 */
export class ChpBackend implements ProxyBackend {
  readonly kind = 'chp' as const;
  private readonly apiUrl: string;

  constructor(private readonly options: ChpOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
  }

  urlFor(prefix: string): string {
    return containerUrl(this.options.publicUrl, prefix);
  }

  async add(route: ProxyRoute, realm: string): Promise<void> {
    const data: ChpRouteData = {
      target: route.target,
      remoteapp_realm: realm,
      remoteapp_engine: route.engineId,
      remoteapp_container: route.containerId,
    };
    await this.request('POST', route.prefix, data, [201]);
  }

  async remove(prefix: string): Promise<void> {
    // 404: already gone, which is what was asked.
    await this.request('DELETE', prefix, undefined, [204, 404]);
  }

  async list(): Promise<ListedRoute[]> {
    return (await this.routes()).map(({ prefix, data }) => ({
      prefix,
      target: data.target,
      ...(data.remoteapp_realm && data.remoteapp_engine && data.remoteapp_container
        ? {
            owner: {
              realm: data.remoteapp_realm,
              engineId: data.remoteapp_engine,
              containerId: data.remoteapp_container,
            },
          }
        : {}),
    }));
  }

  /** CHP's own `last_activity` per route, as JupyterHub's idle culler reads it. */
  async activity(): Promise<RouteActivity> {
    const activity: RouteActivity = new Map();
    for (const { prefix, data } of await this.routes()) {
      const key = routeKey(prefix);
      const at = Date.parse(data.last_activity ?? '');
      if (key !== null && !Number.isNaN(at)) activity.set(key, at);
    }
    return activity;
  }

  private async routes(): Promise<Array<{ prefix: string; data: ChpRouteData }>> {
    const response = await this.request('GET', '', undefined, [200]);
    const table = (await response.json()) as Record<string, ChpRouteData>;
    return Object.entries(table).map(([path, data]) => ({
      // CHP keeps paths decoded; encode them back so that they read like urlpath labels.
      prefix: path
        .split('/')
        .map((segment) => encodeURIComponent(segment).replace(/%40/g, '@'))
        .join('/'),
      data,
    }));
  }

  private async request(
    method: string,
    path: string,
    body: ChpRouteData | undefined,
    expected: number[],
  ): Promise<Response> {
    const where = `configurable-http-proxy at ${this.apiUrl}`;
    let response: Response;
    try {
      response = await fetch(`${this.apiUrl}/api/routes${path}`, {
        method,
        headers: {
          authorization: `token ${this.options.token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new CoreError('INTERNAL', `${where} cannot be reached (${code})`, {
        service: 'configurable-http-proxy',
        reason: code,
      });
    }
    if (expected.includes(response.status)) return response;
    await response.body?.cancel();
    if (response.status === 403)
      throw new CoreError('UNAUTHORIZED', `${where} refused the token`, {
        field: 'chp.token',
        reason: 'refused',
      });
    throw new CoreError(
      'INTERNAL',
      `${where} answered ${method} ${path || '/'} with ${response.status}`,
      {
        service: 'configurable-http-proxy',
        status: response.status,
      },
    );
  }
}
