import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, request, type RequestOptions } from 'node:http';
import type { Socket } from 'node:net';

/**
 * An HTTP relay on a unix socket in front of a real Docker engine that runs
 * `before` when a request matching `pattern` (`METHOD /path`, the API version
 * left out) arrives, and passes that request on only once `before` is done:
 * something happens on the machine exactly between two Docker calls of one
 * operation, with nothing in the code under test to let it in.
 */
export async function startDockerRequestHook(
  dockerHost: string,
  pattern: RegExp,
  before: () => void | Promise<void>,
) {
  const target = new URL(dockerHost);
  const upstream: RequestOptions =
    target.protocol === 'unix:'
      ? { socketPath: target.pathname }
      : { host: target.hostname, port: Number(target.port || 2375) };
  const matched: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    const line = `${req.method} ${(req.url ?? '').replace(/^\/v[\d.]+/, '')}`;
    if (pattern.test(line)) {
      matched.push(line);
      await before();
    }
    const forward = request(
      { ...upstream, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    res.once('close', () => forward.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const socketPath = `/tmp/ra-hook-${randomBytes(4).toString('hex')}.sock`;
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    /** The requests `before` ran for, as `METHOD /path`. */
    matched,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}
