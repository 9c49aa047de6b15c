import { z } from 'zod';
import { call, event } from './define';
import { containerRef, text } from './fields';

/** The embedded proxy's default address: one setting for the app, serve mode and the CLI. */
export const DEFAULT_PROXY_HOST = '127.0.0.1';
export const DEFAULT_PROXY_PORT = 8470;

const OCTET = '(25[0-5]|2[0-4]\\d|1?\\d?\\d)';
const LOOPBACK = new RegExp(`^(127\\.${OCTET}\\.${OCTET}\\.${OCTET}|localhost|::1)$`);

const httpUrl = text(2048).refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username;
  } catch {
    return false;
  }
}, 'must be an http(s) URL without credentials');

/** A web page's origin, kept as browsers send it in `Origin` (`https://Apps.example.org/` becomes `https://apps.example.org`). */
const webOrigin = text(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        !url.username &&
        !url.password &&
        url.pathname === '/' &&
        !url.search &&
        !url.hash
      );
    } catch {
      return false;
    }
  }, 'must be an origin: http(s)://host[:port], without path or credentials')
  .transform((value) => new URL(value).origin);

function settingsSchema<Token extends z.ZodType<string | undefined>>(token: Token) {
  return z
    .strictObject({
      /** `embedded`: the proxy in the core; `chp`: a configurable-http-proxy that is already there. */
      backend: z.enum(['embedded', 'chp']).default('embedded'),
      host: z
        .string()
        .regex(LOOPBACK, 'must be a loopback address (127.0.0.1, ::1 or localhost)')
        .default(DEFAULT_PROXY_HOST),
      port: z
        .number()
        .min(1, 'must be 1 to 65535')
        .max(65535, 'must be 1 to 65535')
        .refine(Number.isInteger, 'must be an integer')
        .default(DEFAULT_PROXY_PORT),
      /** How long a new container's app has to answer 2xx at its urlpath. */
      readyTimeoutSeconds: z
        .number()
        .min(1, 'must be at least 1')
        .max(600, 'must be at most 600')
        .default(30),
      /** Pages of other origins that may open WebSockets to the apps (a TLS front's); the proxy's own always may. */
      allowedOrigins: z.array(webOrigin).max(32, 'must be at most 32 origins').optional(),
      chp: z
        .strictObject({
          /** CHP's REST API, such as `http://127.0.0.1:8001`. */
          apiUrl: httpUrl,
          /** CHP's public side: the base of every container URL. */
          publicUrl: httpUrl,
          token,
        })
        .nullable()
        .default(null),
    })
    .refine((s) => s.backend !== 'chp' || s.chp !== null, {
      path: ['chp'],
      message: 'is required when backend is "chp"',
    });
}

/** The proxy's settings as stored and as the core uses them (the CHP token included). */
export const proxySettings = settingsSchema(text(1024));

export type ProxySettings = z.output<typeof proxySettings>;

/** Settings as the renderer sees them: the token never leaves the core. */
export const proxySettingsView = z.object({
  backend: z.enum(['embedded', 'chp']),
  host: z.string(),
  port: z.number().int(),
  readyTimeoutSeconds: z.number(),
  allowedOrigins: z.array(z.string()).optional(),
  chp: z.object({ apiUrl: z.string(), publicUrl: z.string(), tokenSet: z.boolean() }).nullable(),
});

export const proxyStatus = z.object({
  settings: proxySettingsView,
  /** Where the proxy answers; container URLs start with it. */
  origin: z.string(),
  /** The last failure to write a route, if the latest write failed. */
  lastError: z.string().nullable(),
});

export const readiness = z.enum(['starting', 'ready', 'unresponsive']);

const reportedRoute = z.object({ prefix: z.string(), target: z.string(), reason: z.string() });

export const reconcileReport = z.object({
  backend: z.enum(['embedded', 'chp']),
  /** The realm's container routes that lead to no ready container of it, or to the wrong address. */
  orphanRoutes: z.array(reportedRoute),
  /** Container routes not marked as this realm's (simphony-remote's, another realm's): never changed. */
  foreignRoutes: z.array(reportedRoute),
  /** Ready containers without a route (or with one elsewhere). */
  unroutedContainers: z.array(
    z.object({
      prefix: z.string(),
      target: z.string(),
      engineId: z.string(),
      containerId: z.string(),
    }),
  ),
});

export const calls = {
  'proxy.status': call(z.strictObject({}), proxyStatus),
  /** Replaces the settings; `chp.token` may be left out to keep the one stored. */
  'proxy.configure': call(
    z.strictObject({ settings: settingsSchema(text(1024).optional()) }),
    proxyStatus,
  ),
  /** Where a container's app is opened through the proxy; null until it is ready. */
  'proxy.url': call(
    containerRef,
    z.object({ url: z.string().nullable(), readiness: readiness.nullable() }),
  ),
  /** Routes without a container, containers without a route, and the routes that are not ours. */
  'proxy.reconcile': call(z.strictObject({}), reconcileReport),
  /** Fixes what `proxy.reconcile` reports, in one action, leaving foreign routes; returns the report after. */
  'proxy.fix': call(z.strictObject({}), reconcileReport),
};

export const events = {
  /** A container's app is being waited for (`starting`), answered (`ready`) or never did (`unresponsive`). */
  'proxy.readiness': event(
    z.object({
      engine: z.string(),
      id: z.string(),
      readiness: readiness.nullable(),
      /** The container's URL once it is routed: patch it into the container's row. */
      url: z.string().nullable(),
    }),
  ),
};
