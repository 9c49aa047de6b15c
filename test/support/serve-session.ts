import type { CoreOptions } from '../../src-core/host/start-core';
import { startServe } from '../../src-core/serve/serve-server';
import { pageFolder, serveClient } from './serve-client';
import { startTestCore } from './test-core';

/** A test core in serve mode, with the renderer's own client on a real WebSocket to it. */
export async function startServeSession(label: string, options: CoreOptions = {}) {
  const env = await startTestCore(label, options);
  const serve = await startServe({ host: env.core.host, staticDir: pageFolder() });
  const client = serveClient(serve);
  return {
    env,
    serve,
    client,
    async close() {
      client.close();
      await serve.close();
      await env.close();
    },
  };
}
