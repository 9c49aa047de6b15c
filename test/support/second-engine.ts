import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import type { TcpProfile } from '../../src-core/docker/engine-profile';
import { startDockerd, type DockerdOptions, type PrivateDockerd } from './dockerd';
import { buildFixtureImages } from './fixture-images';
import { freePort } from './free-port';
import { startSshd, type TestSshd } from './sshd';
import { makeTlsCerts, type TlsCerts } from './tls-certs';

export interface SecondEngine {
  /** A directory of its own for a test's files; removed by close. */
  dir: string;
  /** unix:// address of its socket. */
  host: string;
  socketPath: string;
  /** A client on its socket, for the raw API. */
  docker: Docker;
  /** Its TCP+TLS listener on 127.0.0.1, client certificates required. */
  tlsPort: number;
  certs: TlsCerts;
  /** A profile of its TCP+TLS listener, with a client certificate. */
  tlsProfile(id: string): TcpProfile;
  ssh: TestSshd;
  /**
   * With `ownMounts`: a directory of `dir` over which the daemon sees a tmpfs
   * of its own, so that a path there may exist for one side and not the other.
   */
  shadowed: string;
  /** Runs a command in the daemon's mount namespace, seeing files as the daemon does. */
  inDaemonMounts(command: string[]): void;
  /** Stops the daemon (its containers stop with it); `startDaemon` brings it back on the same data root. */
  stopDaemon(): Promise<void>;
  startDaemon(): Promise<void>;
  close(): Promise<void>;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A /24 of 10.213.0.0/16 that no interface uses yet. */
function freeSubnet(): string {
  const used = execFileSync('ip', ['-o', '-4', 'addr', 'show'], { encoding: 'utf8' });
  for (let n = 0; n < 256; n++) if (!used.includes(`10.213.${n}.`)) return `10.213.${n}.1/24`;
  throw new Error('no free /24 left in 10.213.0.0/16');
}

/** A bridge of its own, so that the second daemon does not fight the first over docker0. */
function makeBridge(name: string): string {
  const bridge = `ra-${name}`;
  ip('link', 'add', bridge, 'type', 'bridge');
  ip('addr', 'add', freeSubnet(), 'dev', bridge);
  ip('link', 'set', bridge, 'up');
  return bridge;
}

/** A daemon.json whose trust key (the source of the engine id in Docker 20.10) is its own. */
function daemonConfig(dir: string): string {
  const file = join(dir, 'daemon.json');
  writeFileSync(file, JSON.stringify({ 'deprecated-key-path': join(dir, 'key.json') }));
  return file;
}

export interface SecondEngineOptions {
  /** Runs the daemon in a mount namespace of its own, with a tmpfs over `shadowed`. */
  ownMounts?: boolean;
}

/**
 * A second dockerd beside the first, reached over its socket, over TCP with
 * TLS and client certificates made by openssl, and over SSH through a test
 * sshd on loopback. One per test file: it takes a few seconds to start.
 */
export async function startSecondEngine(
  label: string,
  options: SecondEngineOptions = {},
): Promise<SecondEngine> {
  // Unique per process: test runs of other people on the same machine may run this file too.
  // Short: the bridge name (ra-<name>) has at most 15 characters.
  const name = `${label.slice(0, 5)}${process.pid}`;
  const dir = join('/tmp', `remoteapp-second-${name}`);
  mkdirSync(dir, { recursive: true });
  const certs = makeTlsCerts(join(dir, 'certs'));
  const tlsPort = await freePort();
  const bridge = makeBridge(name);
  const shadowed = join(dir, 'shadowed');
  mkdirSync(shadowed, { recursive: true });
  const dockerdOptions: DockerdOptions = options.ownMounts ? { tmpfsOver: shadowed } : {};
  const args = [
    `--bridge=${bridge}`,
    // Published ports on loopback only; no NAT rules beside the first daemon's.
    '--ip=127.0.0.1',
    '--iptables=false',
    // Its own engine id: the default key file in /etc/docker is the first daemon's.
    `--config-file=${daemonConfig(dir)}`,
    '--tlsverify',
    `--tlscacert=${certs.ca}`,
    `--tlscert=${certs.serverCert}`,
    `--tlskey=${certs.serverKey}`,
    `--host=tcp://127.0.0.1:${tlsPort}`,
  ];
  let daemon: PrivateDockerd | null = await startDockerd(`second-${name}`, args, dockerdOptions);
  const root = daemon.root;
  const socketPath = daemon.host.slice('unix://'.length);
  const docker = new Docker({ socketPath });
  await buildFixtureImages(docker);
  const ssh = await startSshd(join(dir, 'ssh'), daemon.host);
  return {
    dir,
    host: daemon.host,
    socketPath,
    docker,
    tlsPort,
    certs,
    tlsProfile: (id) => ({
      kind: 'tcp',
      id,
      host: '127.0.0.1',
      port: tlsPort,
      tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey },
    }),
    ssh,
    shadowed,
    inDaemonMounts(command) {
      if (!daemon) throw new Error('the daemon is stopped');
      execFileSync('nsenter', ['--target', String(daemon.pid), '--mount', '--', ...command], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    },
    async stopDaemon() {
      await daemon?.stop();
      daemon = null;
    },
    async startDaemon() {
      daemon ??= await startDockerd(`second-${name}`, args, dockerdOptions);
    },
    async close() {
      await ssh.stop();
      if (daemon) {
        // Nothing of a test engine's is worth keeping: remove what is left before stopping.
        const left = await docker.listContainers({ all: true });
        await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
      }
      await daemon?.stop();
      try {
        ip('link', 'del', bridge);
      } catch {
        // Already gone.
      }
      // Each run has its own data root: leave none behind.
      for (const path of [root, `/tmp/ra-second-${name}-exec`, dir]) {
        try {
          rmSync(path, { recursive: true, force: true, maxRetries: 3 });
        } catch (error) {
          console.warn(`left behind: ${(error as Error).message}`);
        }
      }
    },
  };
}
