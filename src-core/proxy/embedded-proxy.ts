import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxyServer } from 'http-proxy-3';
import { CoreError } from '../api/errors';
import { sendErrorPage } from './error-page';
import type { ListedRoute, ProxyBackend, ProxyRoute } from './proxy-backend';
import { containerUrl } from './proxy-url';
import type { RouteActivity } from './route-activity';
import { checkRequestPath, prefixKey, prefixSegments } from './route-path';

interface TableEntry {
  route: ProxyRoute;
  realm: string;
  /** Parsed once here rather than on every request. */
  target: URL;
  /** The last request or WebSocket frame, ms since the epoch; 0 before the first. */
  lastActivity: number;
}

// Only names of this machine: a web page that rebinds its DNS name to
// 127.0.0.1 must not reach the operator's apps through us.
const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/i;

/** Drops the app's Connection header and those it names; http-proxy-3 then answers with the client's. */
function dropHopHeaders(headers: IncomingHttpHeaders) {
  const named = headers.connection?.split(',') ?? [];
  for (const name of ['connection', 'keep-alive', ...named])
    delete headers[name.trim().toLowerCase()];
}

// Per hop (RFC 9110 7.6.1, 7.8), or what a client claims about earlier hops or
// would have an app route by: the app sees only what we add.
const CLIENT_ONLY_HEADERS = [
  'keep-alive',
  'te',
  'trailer',
  'proxy-authorization',
  'proxy-connection',
  'forwarded',
  'x-real-ip',
  'x-original-url',
  'x-rewrite-url',
];
// Kept though Connection names them: Node has framed the body by them.
const FRAMING_HEADERS = new Set(['host', 'content-length', 'transfer-encoding']);

/**
 * Drops from a request the client's Connection and the headers it names, the
 * other per-hop headers and the client's forwarding claims (ours are added
 * after). An upgrade keeps Upgrade; a client's `close` is kept so that
 * http-proxy-3 answers it with close.
 */
function dropRequestHopHeaders(headers: IncomingHttpHeaders, upgrade: boolean) {
  const { connection } = headers;
  let closes = false;
  if (connection)
    for (const item of connection.split(',')) {
      const name = item.trim().toLowerCase();
      if (name === 'close') closes = true;
      else if (!FRAMING_HEADERS.has(name) && !(upgrade && name === 'upgrade')) delete headers[name];
    }
  for (const name of CLIENT_ONLY_HEADERS) delete headers[name];
  for (const name in headers) if (name.startsWith('x-forwarded-')) delete headers[name];
  if (upgrade) headers.connection = 'upgrade';
  else {
    delete headers.upgrade;
    if (closes) headers.connection = 'close';
    else delete headers.connection;
  }
}

/**
 * The embedded reverse proxy: one HTTP server on a loopback address that
 * forwards `<urlpath>/…` of each routed container to its published port,
 * HTTP and WebSocket, streamed by http-proxy-3. It forwards only to targets
 * in its table; anything else gets a page of its own. WebSockets are opened
 * only from its own pages and the origins allowed in the settings.
 */
export class EmbeddedProxy implements ProxyBackend {
  readonly kind = 'embedded' as const;
  private readonly table = new Map<string, TableEntry>();
  private readonly server: Server;
  private readonly proxy = createProxyServer({ xfwd: true, ws: true });
  // Connections to apps that keep them alive are reused rather than opened per request.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private readonly sockets = new Set<Socket>();
  /** Upgrades on their way to the app, for their frames to be counted once piped. */
  private readonly upgrades = new WeakMap<IncomingMessage, TableEntry>();
  /** Records activity per route; turned off only to measure what that costs (the benchmark). */
  trackActivity = true;
  private origin: string | null = null;
  private allowed: ReadonlySet<string>;

  constructor(
    private readonly options: { host: string; port: number; allowedOrigins?: readonly string[] },
  ) {
    this.allowed = new Set(options.allowedOrigins);
    this.server = createServer((req, res) => {
      const entry = this.admit(req, false, (status, title, detail) =>
        sendErrorPage(res, status, title, detail),
      );
      if (!entry) return;
      if (this.trackActivity) entry.lastActivity = Date.now();
      this.proxy.web(req, res, { target: entry.target, agent: this.agent }, (error) => {
        if (!res.headersSent)
          sendErrorPage(
            res,
            502,
            'Application not answering',
            `The application at ${entry.route.prefix}/ did not answer: ${error.message}`,
          );
        else res.destroy();
      });
    });
    // Connection is per hop (RFC 9110 7.6.1): an app that closes after each
    // answer must not close the browser's connection to us as well.
    this.proxy.on('proxyRes', (proxyRes) => dropHopHeaders(proxyRes.headers));
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      const entry = this.admit(req, true, (status, title) => {
        socket.end(`HTTP/1.1 ${status} ${title}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      });
      if (!entry) return;
      if (this.trackActivity) {
        entry.lastActivity = Date.now();
        this.upgrades.set(req, entry);
      }
      this.proxy.ws(req, socket, head, { target: entry.target }, () => socket.destroy());
    });
    // Frames either way are activity: each socket's data is counted once the two are piped.
    this.proxy.on('proxyReqWs', (proxyReq, req, socket) => {
      const entry = this.upgrades.get(req);
      if (!entry) return;
      const touch = () => (entry.lastActivity = Date.now());
      proxyReq.once('upgrade', (_res, proxySocket: Socket) =>
        // http-proxy-3 pipes the sockets in its own listener, after this one: a data
        // listener added before the pipe would take the first chunks from it.
        process.nextTick(() => {
          socket.on('data', touch);
          proxySocket.on('data', touch);
        }),
      );
    });
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts listening; port 0 picks a free one (tests). Returns the origin, `http://host:port`. */
  async listen(): Promise<string> {
    const { host, port } = this.options;
    await new Promise<void>((resolve, reject) => {
      const fail = (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new CoreError('CONFLICT', `port: ${host}:${port} is already in use`, {
                field: 'port',
                reason: 'in use',
              })
            : error,
        );
      this.server.once('error', fail);
      this.server.listen(port, host, () => {
        this.server.off('error', fail);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.origin = `http://${shown}:${address.port}`;
    return this.origin;
  }

  /** Origins besides the proxy's own whose pages may open WebSockets (`https://host[:port]`). */
  set allowedOrigins(origins: readonly string[]) {
    this.allowed = new Set(origins);
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.agent.destroy();
    await closed;
  }

  urlFor(prefix: string): string {
    const { host, port } = this.options;
    return containerUrl(this.origin ?? `http://${host}:${port}`, prefix);
  }

  async add(route: ProxyRoute, realm: string): Promise<void> {
    const segments = prefixSegments(route.prefix);
    if (!segments) throw CoreError.validation('prefix', `"${route.prefix}" is not a plain path`);
    if (!/^http:\/\/[^/?#]+$/.test(route.target))
      throw CoreError.validation('target', `"${route.target}" is not http://host:port`);
    this.table.set(prefixKey(segments), {
      route,
      realm,
      target: new URL(route.target),
      lastActivity: 0,
    });
  }

  async remove(prefix: string): Promise<void> {
    const segments = prefixSegments(prefix);
    if (segments) this.table.delete(prefixKey(segments));
  }

  async list(): Promise<ListedRoute[]> {
    return [...this.table.values()].map(({ route, realm }) => ({
      prefix: route.prefix,
      target: route.target,
      owner: { realm, engineId: route.engineId, containerId: route.containerId },
    }));
  }

  async activity(): Promise<RouteActivity> {
    const activity: RouteActivity = new Map();
    for (const [key, entry] of this.table)
      if (entry.lastActivity) activity.set(key, entry.lastActivity);
    return activity;
  }

  /** The route a request may take, or null after answering it with the reason. */
  private admit(
    req: IncomingMessage,
    upgrade: boolean,
    refuse: (status: number, title: string, detail: string) => void,
  ): TableEntry | null {
    if (!LOOPBACK_HOST.test(req.headers.host ?? '')) {
      refuse(421, 'Misdirected request', 'This proxy answers only to names of this machine.');
      return null;
    }
    // A page of another site must not open a socket to an app whose URL it knows.
    if (upgrade && !this.fromAllowedOrigin(req.headers)) {
      refuse(403, 'Forbidden origin', 'WebSockets open only from the pages of this proxy.');
      return null;
    }
    const check = checkRequestPath(req.url);
    if (!check.ok) {
      refuse(400, 'Bad path', `Refused: ${check.reason}.`);
      return null;
    }
    const entry = this.match(check.segments);
    if (!entry) {
      refuse(
        404,
        'No application here',
        `No running application is routed at ${check.path}. It may have been stopped.`,
      );
      return null;
    }
    dropRequestHopHeaders(req.headers, upgrade);
    return entry;
  }

  /**
   * Whether an upgrade comes from our own pages (the origin the browser
   * addressed: Host, a loopback name by now) or an allowed origin. Browsers
   * send Origin with every WebSocket handshake, so one without it comes from
   * no web page (a command-line client, which could claim any Origin anyway)
   * and passes; `null` (a sandboxed or local file page) does not.
   */
  private fromAllowedOrigin(headers: IncomingHttpHeaders): boolean {
    const { origin, host } = headers;
    return (
      origin === undefined || origin === `http://${host!.toLowerCase()}` || this.allowed.has(origin)
    );
  }

  /** The longest routed prefix the path lies under, compared segment by segment. */
  private match(path: string[]): TableEntry | null {
    for (let length = path.length; length > 0; length--) {
      const entry = this.table.get(prefixKey(path.slice(0, length)));
      if (entry) return entry;
    }
    return null;
  }
}
