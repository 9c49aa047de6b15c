import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A plain HTTP relay on 127.0.0.1 in front of a dockerd's unix socket: a real
 * TCP engine whose events streams a test can end cleanly, and which can turn
 * connections away for a while (the engine looks down, the daemon is not).
 */
export async function startHttpRelay(socketPath: string) {
  const events = new Map<ServerResponse, IncomingMessage>();
  const sockets = new Set<Socket>();
  let refusing = false;
  const server = createServer((req, res) => {
    const upstream = request(
      { socketPath, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (req.url?.startsWith('/events') || /\/v[\d.]+\/events/.test(req.url ?? '')) {
          events.set(res, answer);
          res.once('close', () => events.delete(res));
          // Flush the headers now: the daemon sends none of the body until an event.
          res.flushHeaders();
        }
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.once('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    if (refusing) return void socket.destroy();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    /** How many events streams pass through now. */
    get streams() {
      return events.size;
    },
    /** Ends every events stream with a proper last chunk: a clean end, not an error. */
    endEventStreams() {
      for (const [res, answer] of events) {
        answer.unpipe(res);
        answer.destroy();
        res.end();
      }
    },
    /** Drops every connection and refuses new ones until `accept`. */
    refuse() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
    },
    accept() {
      refusing = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
