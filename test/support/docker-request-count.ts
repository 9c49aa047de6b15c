import { connect, createServer, type Socket } from 'node:net';

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g;

/**
 * A TCP relay on 127.0.0.1 in front of a Docker engine that records the
 * request line of every API request passing through: what reached Docker,
 * counted on the wire rather than inside the client.
 */
export async function startRequestCounter(dockerHost: string) {
  const target = new URL(dockerHost);
  const dial = (): Socket =>
    target.protocol === 'unix:'
      ? connect({ path: target.pathname })
      : connect({ host: target.hostname, port: Number(target.port || 2375) });
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
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
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    requests,
    /** Requests other than the engine's own heartbeat pings and its events stream. */
    calls: () => requests.filter((r) => !/\/_ping$|\/events\b/.test(r)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
