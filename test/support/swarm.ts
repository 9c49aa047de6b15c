import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { inject } from 'vitest';
import { connectDockerHost } from '../../src-core/docker/docker-host';
import { RUNINFO } from '../../src-core/realm/labels';
import { pingDocker } from './dockerd';
import { IMAGES } from './fixture-images';
import { until } from './until';

export interface SwarmNode {
  hostname: string;
  nodeId: string;
  /** Its swarm address (Node.Status.Addr), which this process reaches directly. */
  address: string;
  /** Its end of the link to this process's network namespace. */
  hostLinkAddress: string;
  /** unix:// address of its socket. */
  host: string;
  socketPath: string;
  docker: Docker;
  /** Its network namespace, its directory and its exec root: close removes all three. */
  netns: string;
  dir: string;
  execRoot: string;
}

export interface TestSwarm {
  manager: SwarmNode;
  worker: SwarmNode;
  /** Copies images of the default engine into both nodes (no registry is reachable). */
  loadImages(names: string[]): Promise<void>;
  /** How many services, and containers on either node, exist now, of any realm: 0 once all is gone. */
  leftovers(): Promise<number>;
  close(): Promise<void>;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function quietly(step: () => void): void {
  try {
    step();
  } catch {
    // Not made, or already gone.
  }
}

const base = (k: number) => `198.18.${3 * k}`;
/** The node's end of its link to this process's netns: 198.18.(3k+1|2).1. */
const linkBase = (k: number, role: 'm' | 'w') => `198.18.${3 * k + (role === 'm' ? 1 : 2)}`;
const netnsOf = (k: number, role: 'm' | 'w') => `rasw${k}-${role}`;

/**
 * A block k of 198.18.0.0/15 (RFC 2544, for benchmarks: used by nothing else
 * here) for this harness alone: 198.18.3k.x between the nodes, 198.18.3k+1.x
 * and 198.18.3k+2.x to this process. `ip netns add` fails on a taken name,
 * so the netns names are the lock between harnesses that start at once.
 */
function claimBlock(): number {
  const used =
    execFileSync('ip', ['-o', '-4', 'addr', 'show'], { encoding: 'utf8' }) +
    execFileSync('ip', ['-4', 'route', 'show'], { encoding: 'utf8' });
  for (let k = 0; 3 * k + 2 < 256; k++) {
    if ([0, 1, 2].some((i) => used.includes(`198.18.${3 * k + i}.`))) continue;
    try {
      ip('netns', 'add', netnsOf(k, 'm'));
    } catch {
      continue;
    }
    try {
      ip('netns', 'add', netnsOf(k, 'w'));
      return k;
    } catch {
      quietly(() => ip('netns', 'del', netnsOf(k, 'm')));
    }
  }
  throw new Error('no free block left in 198.18.0.0/16 for a test swarm');
}

/**
 * The nodes talk over a veth pair of their own. This process reaches each by
 * another pair plus a host route to its swarm address: no bridge and no
 * forwarding in this netns, where FORWARD drops and br_netfilter would put
 * bridged packets through the default engine's iptables.
 */
function makeNetwork(k: number): void {
  const [m, w] = [netnsOf(k, 'm'), netnsOf(k, 'w')];
  ip('link', 'add', `rasw${k}-mw`, 'netns', m, 'type', 'veth', 'peer', `rasw${k}-wm`, 'netns', w);
  for (const [ns, dev, addr] of [
    [m, `rasw${k}-mw`, `${base(k)}.1/24`],
    [w, `rasw${k}-wm`, `${base(k)}.2/24`],
  ] as const) {
    ip('-n', ns, 'addr', 'add', addr, 'dev', dev);
    ip('-n', ns, 'link', 'set', dev, 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  }
  for (const [role, ns, last] of [
    ['m', m, 1],
    ['w', w, 2],
  ] as const) {
    const [hostEnd, nodeEnd] = [`rasw${k}-h${role}`, `rasw${k}-${role}h`];
    ip('link', 'add', hostEnd, 'type', 'veth', 'peer', nodeEnd, 'netns', ns);
    ip('addr', 'add', `${linkBase(k, role)}.254/24`, 'dev', hostEnd);
    ip('link', 'set', hostEnd, 'up');
    ip('-n', ns, 'addr', 'add', `${linkBase(k, role)}.1/24`, 'dev', nodeEnd);
    ip('-n', ns, 'link', 'set', nodeEnd, 'up');
    ip('route', 'add', `${base(k)}.${last}/32`, 'via', `${linkBase(k, role)}.1`);
  }
}

function removeNetwork(k: number): void {
  quietly(() => ip('route', 'del', `${base(k)}.1/32`));
  quietly(() => ip('route', 'del', `${base(k)}.2/32`));
  // Deleting a netns deletes the veths in it, and with them their peers here.
  quietly(() => ip('netns', 'del', netnsOf(k, 'm')));
  quietly(() => ip('netns', 'del', netnsOf(k, 'w')));
  quietly(() => ip('link', 'del', `rasw${k}-hm`));
  quietly(() => ip('link', 'del', `rasw${k}-hw`));
}

interface Daemon {
  child: ChildProcess;
  dir: string;
  execRoot: string;
  socketPath: string;
  docker: Docker;
  log: string;
}

function logTail(log: string): string {
  try {
    return readFileSync(log, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * A dockerd in the node's netns. nsenter, not `ip netns exec`: the latter
 * remounts /sys, and dockerd then fails with "Devices cgroup isn't mounted".
 * unshare --uts gives it a hostname of its own, which names the swarm node.
 * nsenter, unshare and sh all exec: the child is dockerd itself.
 */
function spawnDockerd(k: number, role: 'm' | 'w', hostname: string): Daemon {
  const dir = `/tmp/remoteapp-swarm-${k}-${role}`;
  // Short on purpose: the exec root holds unix sockets with a path length limit.
  const execRoot = `/tmp/rasw${k}-${role}-x`;
  mkdirSync(dir, { recursive: true });
  const socketPath = join(dir, 'docker.sock');
  const log = join(dir, 'dockerd.log');
  // Its own trust key, hence its own engine id (Docker 20.10), not the default engine's.
  const config = join(dir, 'daemon.json');
  writeFileSync(config, JSON.stringify({ 'deprecated-key-path': join(dir, 'key.json') }));
  const out = openSync(log, 'a');
  const child = spawn(
    'nsenter',
    [
      `--net=/var/run/netns/${netnsOf(k, role)}`,
      'unshare',
      '--uts',
      'sh',
      '-c',
      'hostname "$0" && exec dockerd "$@"',
      hostname,
      `--data-root=${join(dir, 'data')}`,
      `--exec-root=${execRoot}`,
      `--pidfile=${join(dir, 'dockerd.pid')}`,
      `--config-file=${config}`,
      `--host=unix://${socketPath}`,
    ],
    { stdio: ['ignore', out, out] },
  );
  return { child, dir, execRoot, socketPath, docker: new Docker({ socketPath }), log };
}

async function waitForPing(daemon: Daemon): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (daemon.child.exitCode !== null) break;
    if (await pingDocker(daemon.docker, 1000)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  const why =
    daemon.child.exitCode !== null
      ? `exited with ${daemon.child.exitCode}`
      : 'did not answer within 60 s';
  throw new Error(`dockerd in ${daemon.dir} ${why}:\n${logTail(daemon.log)}`);
}

async function stopDockerd({ child, docker }: Daemon): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // Tasks left running would hold its shutdown for their stop grace period (10 s by default).
  const running = await docker.listContainers().catch(() => []);
  await Promise.all(
    running.map((c) =>
      docker
        .getContainer(c.Id)
        .kill()
        .catch(() => {}),
    ),
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Processes a killed dockerd may leave (its containerd, shims): those naming its exec root. */
function killLeftovers(execRoot: string): void {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes(`${execRoot}/`)) quietly(() => process.kill(Number(pid), 'SIGKILL'));
  }
}

/** Mounts the daemon left under its paths (netns files, overlays), deepest first. */
function unmountUnder(paths: string[]): void {
  const points = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => paths.some((p) => point === p || point.startsWith(`${p}/`)))
    .sort((a, b) => b.length - a.length);
  for (const point of points)
    quietly(() => execFileSync('umount', ['-l', point], { stdio: 'ignore' }));
}

/** One tar of all `names` from `source`, loaded into each of `targets`. */
async function copyImages(source: Docker, targets: Docker[], names: string[]): Promise<void> {
  if (names.length === 0) return;
  // GET /images/get?names=…: dockerode has it, its types do not.
  const save = (source as unknown as { getImages(o: object): Promise<NodeJS.ReadableStream> })
    .getImages;
  const chunks: Buffer[] = [];
  for await (const chunk of await save.call(source, { names })) chunks.push(chunk as Buffer);
  const tar = Buffer.concat(chunks);
  await Promise.all(
    targets.map(async (docker) => {
      const progress = await docker.loadImage(Readable.from([tar]));
      await new Promise<void>((resolve, reject) =>
        docker.modem.followProgress(progress, (error, output) => {
          const failed = (output as Array<{ error?: string }> | undefined)?.find((o) => o.error);
          if (error || failed) reject(error ?? new Error(`loading images: ${failed!.error}`));
          else resolve();
        }),
      );
    }),
  );
}

/**
 * A private two-node swarm (a manager, a worker), each node a dockerd in a
 * netns of its own; the default engine (`sourceHost`, else vitest's
 * `dockerHost`) is never touched but to save images. Takes some seconds:
 * one per test file.
 */
export async function startSwarm(
  options: { images?: string[]; sourceHost?: string } = {},
): Promise<TestSwarm> {
  // `inject` works only inside vitest: the benchmarks name their engine themselves.
  const source = connectDockerHost(options.sourceHost ?? inject('dockerHost')).docker;
  const k = claimBlock();
  const daemons: Daemon[] = [];
  const close = async () => {
    await Promise.all(daemons.map(stopDockerd));
    for (const { execRoot } of daemons) killLeftovers(execRoot);
    const paths = ['m', 'w'].flatMap((r) => [
      `/tmp/remoteapp-swarm-${k}-${r}`,
      `/tmp/rasw${k}-${r}-x`,
    ]);
    unmountUnder(paths);
    removeNetwork(k);
    for (const path of paths) {
      try {
        rmSync(path, { recursive: true, force: true, maxRetries: 3 });
      } catch (error) {
        console.warn(`left behind: ${(error as Error).message}`);
      }
    }
  };
  try {
    makeNetwork(k);
    const node = async (role: 'm' | 'w', hostname: string, last: number) => {
      const daemon = spawnDockerd(k, role, hostname);
      daemons.push(daemon);
      await waitForPing(daemon);
      return {
        hostname,
        address: `${base(k)}.${last}`,
        hostLinkAddress: `${linkBase(k, role)}.1`,
        host: `unix://${daemon.socketPath}`,
        socketPath: daemon.socketPath,
        docker: daemon.docker,
        netns: netnsOf(k, role),
        dir: daemon.dir,
        execRoot: daemon.execRoot,
      };
    };
    const [m, w] = await Promise.all([
      node('m', `swarm-manager-${k}`, 1),
      node('w', `swarm-worker-${k}`, 2),
    ]);
    await m.docker.swarmInit({
      ListenAddr: `${m.address}:2377`,
      AdvertiseAddr: m.address,
      // Few dead tasks kept per slot: listings stay short.
      Spec: { Orchestration: { TaskHistoryRetentionLimit: 1 } },
    });
    const { JoinTokens } = await m.docker.swarmInspect();
    await w.docker.swarmJoin({
      ListenAddr: `${w.address}:2377`,
      AdvertiseAddr: w.address,
      RemoteAddrs: [`${m.address}:2377`],
      JoinToken: JoinTokens.Worker,
    });
    await until(
      'both swarm nodes ready',
      async () => {
        const nodes = await m.docker.listNodes();
        return nodes.filter((n) => n.Status?.State === 'ready').length === 2 ? true : undefined;
      },
      60_000,
      200,
    );
    const nodeId = async (n: typeof m) => (await n.docker.info()).Swarm.NodeID as string;
    const manager: SwarmNode = { ...m, nodeId: await nodeId(m) };
    const worker: SwarmNode = { ...w, nodeId: await nodeId(w) };
    const loadImages = (names: string[]) =>
      copyImages(source, [manager.docker, worker.docker], names);
    await loadImages(options.images ?? Object.values(IMAGES));
    const leftovers = async () => {
      const [services, onManager, onWorker] = await Promise.all([
        manager.docker.listServices(),
        manager.docker.listContainers({ all: true }),
        worker.docker.listContainers({ all: true }),
      ]);
      return services.length + onManager.length + onWorker.length;
    };
    return { manager, worker, loadImages, leftovers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A service of `realm` for `user` that asks more CPUs than any node has, as
 * another operator's launch might leave it: Swarm keeps its task pending,
 * saying why.
 */
export function unplaceableService(swarm: TestSwarm, realm: string, user: string, image: string) {
  const urlId = 'f'.repeat(32);
  const labels = {
    [RUNINFO.realm]: realm,
    [RUNINFO.user]: user,
    [RUNINFO.mappingId]: 'big',
    [RUNINFO.urlId]: urlId,
    [RUNINFO.urlpath]: `/user/${user}/containers/${urlId}`,
  };
  return swarm.manager.docker.createService({
    Name: `too-big-${user}`,
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: { Image: image, Labels: labels },
      Resources: { Reservations: { NanoCPUs: 64e9 } },
    },
  });
}
