import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  createServer,
  request,
  type IncomingMessage,
  type RequestOptions,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

export interface DockerRelayHooks {
  /** Runs when a request arrives (`METHOD /path`, the API version left out); the request waits for it. */
  before?: (line: string) => void | Promise<void>;
  /** Passes the engine's answer on, its status and headers already written; by default as it comes. */
  answer?: (line: string, answer: IncomingMessage, res: ServerResponse) => void;
}

/**
 * An HTTP relay on a unix socket in front of a real Docker engine, for a
 * test to step in between the code under test and the engine on the wire,
 * with nothing in that code to let it in.
 */
export async function startDockerRelay(dockerHost: string, hooks: DockerRelayHooks) {
  const target = new URL(dockerHost);
  const upstream: RequestOptions =
    target.protocol === 'unix:'
      ? { socketPath: target.pathname }
      : { host: target.hostname, port: Number(target.port || 2375) };
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    const line = `${req.method} ${(req.url ?? '').replace(/^\/v[\d.]+/, '')}`;
    await hooks.before?.(line);
    const forward = request(
      { ...upstream, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (hooks.answer) hooks.answer(line, answer, res);
        else answer.pipe(res);
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
  const socketPath = `/tmp/ra-relay-${randomBytes(4).toString('hex')}.sock`;
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
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
