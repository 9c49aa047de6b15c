// First: it counts the listeners of what the others load.
import { listenerCounts } from './listener-count';
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startCore } from '../../src-core/host/start-core';
import { startServe } from '../../src-core/serve/serve-server';

/**
 * Serve mode in a process of its own, as `remoteapp-admin serve` runs it (the
 * core on one engine, the built renderer at `argv[4]`), so that the soak
 * measures its memory and handles alone. Engine `local` is the unix socket
 * `argv[3]`; the realm is `argv[2]`. Prints its page and API addresses as
 * one JSON line; answers each `report` line on stdin with one JSON line of
 * what it holds open.
 */
const [realm, socketPath, staticDir] = process.argv.slice(2);
const core = await startCore({
  realm: realm!,
  profiles: [{ kind: 'socket', path: socketPath!, id: 'local' }],
});

const serve = await startServe({ host: core.host, staticDir: staticDir! });
process.stdout.write(
  `${JSON.stringify({ url: serve.url, apiUrl: serve.apiUrl, token: serve.token, port: serve.port })}\n`,
);

function report() {
  // Run with --expose-gc: what is unreachable (a destroyed socket and its listeners) is not open.
  (globalThis as { gc?: () => void }).gc?.();
  const resources: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) resources[type] = (resources[type] ?? 0) + 1;
  return {
    resources,
    /** Open file descriptors: sockets, pipes, files. */
    fds: readdirSync('/proc/self/fd').length,
    listeners: listenerCounts(),
    heapUsed: process.memoryUsage().heapUsed,
  };
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'report') process.stdout.write(`${JSON.stringify(report())}\n`);
});
process.on('SIGTERM', () => {
  void (async () => {
    await serve.close();
    await core.close();
    process.exit(0);
  })();
});
