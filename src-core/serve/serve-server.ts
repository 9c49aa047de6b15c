import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CoreError } from '../api/errors';
import type { Host } from '../host/host';
import { bindRefusal, checkUpgrade, hostAllowed, hostName, ownHosts, pageHost } from './peer-check';
import { SECURITY_HEADERS } from './renderer-files';
import { bindSocket } from './websocket-sessions';
import { serveStatic } from './static-files';

export interface ServeOptions {
  host: Host;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 (the default): any free port. */
  port?: number;
  /** Loopback unless the operator says otherwise (then `publicHost` is required). */
  bind?: string;
  /** The host name (`NAME` or `NAME:PORT`) the operator opens; the Host check accepts it. */
  publicHost?: string;
  /** The run's token; a fresh random one when absent. */
  token?: string;
}

export interface ServeHandle {
  /** What the operator opens: the page, with the token in the fragment. */
  url: string;
  /** The WebSocket endpoint (the token goes in its `token` query parameter). */
  apiUrl: string;
  token: string;
  address: string;
  port: number;
  close(): Promise<void>;
}

/** The largest frame a client may send: above the largest field (a 10 MiB CSV import). */
const MAX_FRAME = 16 * 1024 * 1024;

const STATUS_TEXT = { 401: 'Unauthorized', 403: 'Forbidden', 421: 'Misdirected Request' };

function refuse(socket: Duplex, status: 401 | 403 | 421, reason: string): void {
  const text = STATUS_TEXT[status];
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

/**
 * Serve mode: the host over a WebSocket at `/api` and the built renderer at
 * `/`, on 127.0.0.1 by default, guarded by a random per-run token and Host
 * and Origin checks. Elsewhere than on loopback only with a public host name.
 */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const bind = options.bind ?? '127.0.0.1';
  const { publicHost } = options;
  if (publicHost !== undefined && hostName(publicHost) === null)
    throw CoreError.validation(
      'publicHost',
      `"${publicHost}" is not a host name (NAME or NAME:PORT)`,
    );
  const refusal = bindRefusal(bind, publicHost);
  if (refusal !== null) throw CoreError.validation('bind', refusal);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  const statics = serveStatic(options.staticDir);
  // Nothing is answered until the port, and so the own Host names, are known.
  let hosts = new Set<string>();
  const server: Server = createServer((req, res) => {
    // A DNS-rebinding page reaches us under its own name: it may not read the bundle either.
    if (hostAllowed(req.headers.host, hosts)) return statics(req, res);
    res.writeHead(421, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      Connection: 'close',
    });
    res.end(`host ${req.headers.host ?? ''} is not this server`);
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const verdict = checkUpgrade(url, req.headers, token, hosts);
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.reason);
    wss.handleUpgrade(req, socket, head, (ws) => {
      bindSocket(options.host, ws, {
        transport: 'websocket',
        label: `${req.socket.remoteAddress}:${req.socket.remotePort}`,
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bind, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  hosts = ownHosts(address, port, publicHost);
  const origin = `http://${pageHost(address, port, publicHost)}`;

  return {
    url: `${origin}/#token=${token}`,
    apiUrl: `${origin.replace(/^http/, 'ws')}/api`,
    token,
    address,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
