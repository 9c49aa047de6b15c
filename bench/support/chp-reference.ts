import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { waitForHttp2xx } from '../../src-core/proxy/readiness-probe';
import { freePort } from '../../test/support/free-port';

export interface ChpReference {
  origin: string;
  pid: number;
  stop: () => Promise<void>;
}

const BIN = join(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '.bin',
  'configurable-http-proxy',
);

/**
 * configurable-http-proxy from npm (what fronts simphony-remote and
 * JupyterHub) as its own process, with its defaults, routing `prefix` to
 * `target` through its REST API: the proxy the embedded one replaces.
 */
export async function startChpReference(prefix: string, target: string): Promise<ChpReference> {
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
    {
      env: { ...process.env, CONFIGPROXY_AUTH_TOKEN: token },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  try {
    const api = `http://127.0.0.1:${apiPort}/api/routes${prefix}`;
    for (let added = false; !added;) {
      if (child.exitCode !== null)
        throw new Error(`configurable-http-proxy exited with ${child.exitCode}`);
      added = await fetch(api, {
        method: 'POST',
        headers: { authorization: `token ${token}` },
        body: JSON.stringify({ target }),
      }).then(
        (response) => response.status === 201,
        () => false,
      );
      if (!added) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitForHttp2xx(`${origin}${prefix}/`, { timeoutMs: 10_000 });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    origin,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
