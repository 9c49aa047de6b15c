import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForHttp2xx } from '../../src-core/proxy/readiness-probe';
import { childPids } from './cpu-time';
import { freePort } from '../../test/support/free-port';

export interface NginxReference {
  origin: string;
  /** The master and its worker, for CPU accounting. */
  pids: () => number[];
  stop: () => Promise<void>;
}

const NGINX = 'nginx';

/**
 * nginx (Debian's nginx-light) routing `prefix/` to `target` the way the
 * embedded proxy does: one worker, keep-alive to the client, a connection
 * per request to an app that closes, X-Forwarded-* set. It is a reference
 * for what a native proxy costs on the same path, not a floor. Null when
 * nginx is not installed.
 */
export async function startNginxReference(
  prefix: string,
  target: string,
): Promise<NginxReference | null> {
  if (spawnSync(NGINX, ['-v']).error) return null;
  const dir = mkdtempSync(join(tmpdir(), 'remoteapp-bench-nginx-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}; proxy_temp_path ${dir};
  fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server {
    listen 127.0.0.1:${port};
    location ${prefix}/ {
      proxy_pass ${target};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
    }
  }
}
`,
  );
  const master = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'inherit' });
  const exited = new Promise<void>((resolve) => master.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  try {
    // Up once it routes to the app, as the embedded proxy is once the route is added.
    await waitForHttp2xx(`${origin}${prefix}/`, { timeoutMs: 10_000 });
  } catch (error) {
    master.kill('SIGKILL');
    const log = readFileSync(join(dir, 'error.log'), { encoding: 'utf8', flag: 'a+' });
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start: ${(error as Error).message}\n${log}`, { cause: error });
  }
  return {
    origin,
    pids: () => [master.pid!, ...childPids(master.pid!)],
    stop: async () => {
      master.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
