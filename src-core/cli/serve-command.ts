import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CoreError } from '../api/errors';
import type { Command } from './cli-io';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RENDERER = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** The built renderer; built once on a fresh clone, so that `npx remoteapp-admin serve` just works. */
function rendererDir(err: (text: string) => void): string {
  if (existsSync(`${RENDERER}index.html`)) return RENDERER;
  err('remoteapp-admin: building the UI once (npm run build:renderer)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', '--silent', 'build:renderer'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (built.status !== 0 || !existsSync(`${RENDERER}index.html`))
    throw new CoreError('INTERNAL', 'Building the UI failed: run `npm run build` and see why');
  return RENDERER;
}

/** `serve`: the UI and the host on 127.0.0.1 (or `--bind` for `--public-host`), until Ctrl-C. */
export const serveCommand: Command = async ({ args, host, io, realm }) => {
  // Loaded here: the other commands never need the server and its WebSocket library.
  const { startServe } = await import('../serve/serve-server');
  const serve = await startServe({
    host,
    staticDir: rendererDir(io.err),
    ...(args.port !== undefined && { port: args.port }),
    ...(args.bind !== undefined && { bind: args.bind }),
    ...(args.publicHost !== undefined && { publicHost: args.publicHost }),
  });
  if (args.publicHost !== undefined)
    io.err(
      `remoteapp-admin: warning: serving ${args.publicHost} on ${serve.address} port ${serve.port} over plain HTTP: ` +
        'the page, its token and every call travel unencrypted unless TLS fronts this server',
    );
  io.out(`RemoteApp Admin, realm ${realm}: open ${serve.url}`);
  await io.untilStopped();
  await serve.close();
  return 0;
};
