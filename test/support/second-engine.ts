import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { startDockerd, type PrivateDockerd } from './dockerd';
import { buildFixtureImages } from './fixture-images';
import { freePort } from './free-port';
import { startSshd, type TestSshd } from './sshd';
import { makeTlsCerts, type TlsCerts } from './tls-certs';

export interface SecondEngine {
  /** unix:// address of its socket. */
  host: string;
  socketPath: string;
  /** A client on its socket, for the raw API. */
  docker: Docker;
  /** Its TCP+TLS listener on 127.0.0.1, client certificates required. */
  tlsPort: number;
  certs: TlsCerts;
  ssh: TestSshd;
  /** Stops the daemon (its containers stop with it); `startDaemon` brings it back on the same data root. */
  stopDaemon(): Promise<void>;
  startDaemon(): Promise<void>;
  close(): Promise<void>;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A bridge of its own, so that the second daemon does not fight the first over docker0. */
function makeBridge(name: string): string {
  const bridge = `ra-${name}`.slice(0, 15);
  try {
    ip('link', 'del', bridge); // left over from a run that was killed
  } catch {
    // None: the usual case.
  }
  // A /24 of 10.213.0.0/16 picked from the name, so that parallel test files differ.
  const subnet = createHash('sha256').update(name).digest()[0]!;
  ip('link', 'add', bridge, 'type', 'bridge');
  ip('addr', 'add', `10.213.${subnet}.1/24`, 'dev', bridge);
  ip('link', 'set', bridge, 'up');
  return bridge;
}

/** A daemon.json whose trust key (the source of the engine id in Docker 20.10) is its own. */
function daemonConfig(dir: string): string {
  const file = join(dir, 'daemon.json');
  writeFileSync(file, JSON.stringify({ 'deprecated-key-path': join(dir, 'key.json') }));
  return file;
}

/**
 * A second dockerd beside the first, reached over its socket, over TCP with
 * TLS and client certificates made by openssl, and over SSH through a test
 * sshd on loopback. One per test file: it takes a few seconds to start.
 */
export async function startSecondEngine(name: string): Promise<SecondEngine> {
  const dir = join('/tmp', `remoteapp-second-${name}`);
  rmSync(join(dir, 'certs'), { recursive: true, force: true });
  rmSync(join(dir, 'ssh'), { recursive: true, force: true });
  const certs = makeTlsCerts(join(dir, 'certs'));
  const tlsPort = await freePort();
  const bridge = makeBridge(name);
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
  let daemon: PrivateDockerd | null = await startDockerd(`second-${name}`, args);
  const socketPath = daemon.host.slice('unix://'.length);
  const docker = new Docker({ socketPath });
  await buildFixtureImages(docker);
  const ssh = await startSshd(join(dir, 'ssh'), daemon.host);
  return {
    host: daemon.host,
    socketPath,
    docker,
    tlsPort,
    certs,
    ssh,
    async stopDaemon() {
      await daemon?.stop();
      daemon = null;
    },
    async startDaemon() {
      daemon ??= await startDockerd(`second-${name}`, args);
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
    },
  };
}
