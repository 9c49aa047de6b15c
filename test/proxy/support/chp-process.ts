import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ProxySettings } from '../../../src-core/api/proxy';
import { freePort } from '../../support/free-port';

const BIN = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'node_modules',
  '.bin',
  'configurable-http-proxy',
);

/** The marks this app writes beside a route's target in CHP: whose route it is. */
export function markedFor(realm: string, containerId = 'c0ffee') {
  return { remoteapp_realm: realm, remoteapp_engine: 'env', remoteapp_container: containerId };
}

/**
 * configurable-http-proxy from npm as its own process, public side and REST
 * API both on loopback, with a token of its own; stopped by `stop()`.
 */
export async function startChp() {
  const [port, apiPort] = [await freePort(), await freePort()];
  const token = randomBytes(16).toString('hex');
  const child = spawn(
    BIN,
    [
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--api-ip',
      '127.0.0.1',
      '--api-port',
      String(apiPort),
    ],
    { env: { ...process.env, CONFIGPROXY_AUTH_TOKEN: token }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (c: Buffer) => (log += c));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${apiUrl}/api/routes${path}`, {
      method,
      headers: { authorization: `token ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
      // Another test's server that accepts and never answers may hold the port.
      signal: AbortSignal.timeout(5000),
    });
  // Bounded: a port that another process answers on must not keep us waiting.
  let last = 'no answer';
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`configurable-http-proxy exited: ${log}`);
    if (i > 400) {
      child.kill();
      throw new Error(`configurable-http-proxy did not answer (${last}): ${log}`);
    }
    try {
      const response = await api('GET', '');
      if (response.ok) break;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pid: child.pid!,
    publicUrl: `http://127.0.0.1:${port}`,
    apiUrl,
    token,
    /** The routing table as CHP reports it. */
    async routes(): Promise<Record<string, { target: string }>> {
      return (await api('GET', '')).json() as Promise<Record<string, { target: string }>>;
    },
    api,
    stop(): Promise<void> {
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/** Proxy settings that make the core use `chp` as its proxy, giving a new app `readyTimeoutSeconds`. */
export function chpProxySettings(
  chp: { apiUrl: string; publicUrl: string; token: string },
  readyTimeoutSeconds = 20,
): ProxySettings {
  const { apiUrl, publicUrl, token } = chp;
  return {
    backend: 'chp',
    host: '127.0.0.1',
    port: 1,
    readyTimeoutSeconds,
    chp: { apiUrl, publicUrl, token },
  };
}
