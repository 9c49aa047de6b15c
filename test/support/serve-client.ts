import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createClient } from '../../src-core/api/client';
import type { ServeHandle } from '../../src-core/serve/serve-server';
import { websocketTransport } from '../../renderer/transport/websocket-transport';

/** A folder standing in for the built renderer, for tests of the API side only. */
export function pageFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'remoteapp-page-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>RemoteApp Admin</title>');
  return dir;
}

/**
 * The renderer's own contract client over a real WebSocket to serve mode,
 * as a browser page of that server would open it (its Origin, the token).
 */
export function serveClient(serve: ServeHandle, token = serve.token) {
  const socket = new WebSocket(`${serve.apiUrl}?token=${encodeURIComponent(token)}`, {
    origin: `http://127.0.0.1:${serve.port}`,
  });
  return createClient(websocketTransport(socket));
}
