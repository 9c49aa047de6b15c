import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g;

/**
 * A TCP relay on 127.0.0.1 in front of a Docker engine that records the
 * request line of every API request passing through: what reached Docker,
 * counted on the wire rather than inside the client. It listens on a unix
 * socket too, for a profile that is this machine's engine (a local socket).
 */
export async function startRequestCounter(dockerHost: string) {
  const target = new URL(dockerHost);
  const dial = (): Socket =>
    target.protocol === 'unix:'
      ? connect({ path: target.pathname })
      : connect({ host: target.hostname, port: Number(target.port || 2375) });
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const relay = (client: Socket) => {
    const upstream = dial();
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      for (const [, method, path] of chunk.toString('latin1').matchAll(REQUEST_LINE))
        requests.push(`${method} ${path}`);
    });
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  };
  const server = createServer(relay);
  const local = createServer(relay);
  const socketPath = `/tmp/ra-relay-${randomBytes(4).toString('hex')}.sock`;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => local.listen(socketPath, resolve));
  const closed = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    socketPath,
    requests,
    /** Requests other than the engine's own heartbeat pings and its events stream. */
    calls: () => requests.filter((r) => !/\/_ping$|\/events\b/.test(r)),
    /** Connections to the engine open through the relay now. */
    connections: () => sockets.size / 2,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([closed(server), closed(local)]);
    },
  };
}
