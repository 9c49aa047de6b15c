import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';

export interface PrivateDockerd {
  host: string;
  root: string;
  pid: number;
  stop(): Promise<void>;
}

export interface DockerdOptions {
  /**
   * Runs the daemon in a mount namespace of its own, with an empty tmpfs over
   * this (existing) directory: what the daemon sees there, this process does not.
   */
  tmpfsOver?: string;
}

export async function pingDocker(docker: Docker, timeoutMs = 2000): Promise<boolean> {
  return Promise.race([
    docker.ping().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
  ]);
}

async function waitForDocker(docker: Docker, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`dockerd exited with ${child.exitCode}; see ${log}`);
    if (await pingDocker(docker, 1000)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`dockerd did not answer within 60 s; see ${log}`);
}

/** unshare's arguments for a mount namespace of its own, a tmpfs over "$0", then dockerd "$@". */
const IN_OWN_MOUNTS = [
  '--mount',
  '--propagation',
  'private',
  'sh',
  '-c',
  'mount -t tmpfs tmpfs "$0" && exec dockerd "$@"',
];

/**
 * Starts a dockerd of its own (data root, exec root, pid file, socket), for a
 * machine where none answers, or as a second engine beside the first.
 */
export async function startDockerd(
  name: string,
  extraArgs: string[] = [],
  options: DockerdOptions = {},
): Promise<PrivateDockerd> {
  const root = join('/tmp', `remoteapp-dockerd-${name}`);
  mkdirSync(root, { recursive: true });
  const socket = join(root, 'docker.sock');
  const log = join(root, 'dockerd.log');
  const args = [
    `--data-root=${join(root, 'data')}`,
    // Short on purpose: the exec root holds unix sockets with a path length limit.
    `--exec-root=/tmp/ra-${name}-exec`,
    `--pidfile=${join(root, 'dockerd.pid')}`,
    `--host=unix://${socket}`,
    ...extraArgs,
  ];
  const out = openSync(log, 'a');
  // unshare and sh exec: the child is dockerd itself, and its pid names its namespace.
  const [command, argv] = options.tmpfsOver
    ? ['unshare', [...IN_OWN_MOUNTS, options.tmpfsOver, ...args]]
    : ['dockerd', args];
  const child = spawn(command, argv, { stdio: ['ignore', out, out] });
  const docker = new Docker({ socketPath: socket });
  await waitForDocker(docker, child, log);
  return {
    host: `unix://${socket}`,
    root,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
