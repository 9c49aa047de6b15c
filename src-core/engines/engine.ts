import type Docker from 'dockerode';
import type { EngineSshView } from '../api/engine-ssh';
import { CoreError, isCoreError } from '../api/errors';
import type { RealmContainer } from '../realm/container';
import { RUNINFO } from '../realm/labels';
import { within } from '../util/within';
import { failureText } from '../docker/docker-error';
import {
  containerEvent,
  jsonLines,
  listingLags,
  type ContainerEvent,
} from '../docker/docker-event';
import type { Endpoint } from '../docker/engine-endpoint';
import { oneShotStats } from '../docker/docker-stats';
import { EngineLoad, type LaunchKey } from './engine-load';
import { engineUnreachable, type EngineLabel } from '../docker/docker-error';
import { swarmRole, type SwarmInfo } from '../docker/swarm-role';
import { ContainerManager } from '../realm/container-manager';
import type { RealmManager } from '../realm/realm-manager';
import { ServiceManager } from './service-manager';
import { RealmMirror, type MirrorChange } from './realm-mirror';
import type { StatsTarget } from './stats-loop';

export type EngineState = 'connecting' | 'connected' | 'reconnecting' | 'unreachable';

export interface EngineStatus {
  id: string;
  name: string;
  endpoint: string;
  state: EngineState;
  dockerId: string | null;
  apiVersion: string | null;
  latencyMs: number | null;
  lastError: string | null;
  since: number;
  ip: string;
  /** The host address its containers' ports are published on. */
  publishIp: string;
  /** An SSH engine's resolved route and what it waits for. */
  ssh?: EngineSshView;
  /** A Swarm manager's cluster, and whether launches make services or containers on it. */
  swarm?: SwarmView;
}

export interface SwarmView {
  mode: 'services' | 'containers';
  nodes: number;
  managers: number;
}

/** How an engine's profile asks for Swarm services (see `ProfileBase`). */
export interface SwarmOptions {
  mode?: 'services' | 'containers';
  nodeAddresses?: Record<string, string>;
  placementTimeoutMs?: number;
}

/**
 * While a task moves toward running, the realm is read again this often (no
 * event says it arrived); after a while (a task no node can take, a long
 * pull), less often, until the heartbeat's read would do.
 */
const TRANSITION_POLL_MS = 250;
const SLOW_TRANSITION_POLL_MS = 2_000;
const SLOW_AFTER_MS = 10_000;

/** How patiently an engine is watched. */
export interface EngineTiming {
  /** A ping, info or list without an answer this long counts as a failure. */
  requestTimeoutMs: number;
  /** How often a connected engine is pinged (latency, and half-open connections). */
  heartbeatMs: number;
  /** First delay before reconnecting; doubles on each failure up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How long a dropped engine shows `reconnecting` before `unreachable`. */
  unreachableAfterMs: number;
}

export const DEFAULT_TIMING: EngineTiming = {
  requestTimeoutMs: 5_000,
  heartbeatMs: 10_000,
  backoffMs: 250,
  maxBackoffMs: 5_000,
  unreachableAfterMs: 10_000,
};

/** How many times a listing that lags behind an event is read again (5 ms apart, doubling: 1.3 s in all). */
const LAG_RETRIES = 8;
/** After this long, a listing that still disagrees with an event is believed. */
const LAG_WINDOW_MS = 2_000;

interface EngineOptions {
  realm: string;
  stopTimeoutSeconds?: number;
  concurrency?: number;
  timing: EngineTiming;
  onStatus: (status: EngineStatus) => void;
  onChange: (change: MirrorChange) => void;
  swarm?: SwarmOptions;
}

/**
 * One Docker engine kept live: its status, one events stream filtered to the
 * realm, reconnection with backoff, and a mirror of its realm containers that
 * a resync after every (re)connect brings back in line.
 */
export class Engine {
  /** The realm's containers on this engine alone (its images, on a Swarm manager too). */
  private readonly containers: ContainerManager;
  /** The realm's services, once the engine said it is a Swarm manager that runs them. */
  private services: ServiceManager | null = null;
  /** Whether a connect has told containers from services yet. */
  private kindKnown: boolean;
  /** Its realm containers and the launches on their way to it, for choosing where to launch. */
  readonly load: EngineLoad;
  private readonly docker: Docker;
  private readonly mirror: RealmMirror;
  private readonly timing: EngineTiming;
  private status: EngineStatus;
  private stream: NodeJS.ReadableStream | null = null;
  /** Bumped on every (re)connect and drop, so that callbacks of an older stream do nothing. */
  private generation = 0;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private failures = 0;
  private droppedAt: number | null = null;
  private everConnected = false;
  private closed = false;
  /** Its CPUs and memory, from `/info` at each connect: what its containers' use is set against. */
  private capacity: { cpus: number; memTotalBytes: number } | null = null;
  private readonly refreshing = new Set<string>();
  private readonly dirty = new Set<string>();
  /** The last event of each container whose listing may not show it yet. */
  private readonly recent = new Map<string, { action: string; at: number }>();
  /** A services engine's pending re-read of its realm: events and polls fold into one. */
  private resyncTimer: NodeJS.Timeout | null = null;
  /** Since when some row of a services engine has been on its way to running; null: none is. */
  private transitionSince: number | null = null;

  constructor(
    private readonly label: EngineLabel,
    private readonly endpoint: Endpoint,
    private readonly options: EngineOptions,
  ) {
    this.docker = endpoint.docker;
    this.timing = options.timing;
    this.containers = new ContainerManager({
      engine: label,
      docker: endpoint.docker,
      ip: endpoint.ip,
      publishIp: endpoint.publishIp,
      localFiles: endpoint.local,
      realm: options.realm,
      ...(options.stopTimeoutSeconds !== undefined && {
        stopTimeoutSeconds: options.stopTimeoutSeconds,
      }),
      ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
    });
    if (options.swarm?.mode === 'services') this.services = this.serviceManager();
    this.kindKnown = options.swarm?.mode !== undefined;
    // Reads still under way when the engine is closed must not speak for it afterwards.
    this.mirror = new RealmMirror((change) => {
      if (change.kind === 'added') this.load.seen(change.container.id);
      if (!this.closed) options.onChange(change);
    });
    this.load = new EngineLoad(this.mirror);
    this.status = {
      ...label,
      state: 'connecting',
      dockerId: null,
      apiVersion: null,
      latencyMs: null,
      lastError: null,
      since: Date.now(),
      ip: endpoint.ip,
      publishIp: endpoint.publishIp,
      ...(endpoint.ssh && { ssh: endpoint.ssh.status() }),
    };
  }

  get id(): string {
    return this.label.id;
  }

  /** The realm's manager on this engine (services on a Swarm manager); its errors name the engine. */
  get manager(): RealmManager {
    return this.services ?? this.containers;
  }

  /** Its Swarm manager's nodes; NOT_FOUND on `engine` when it runs no services. */
  swarm(): ServiceManager {
    if (!this.services)
      throw new CoreError('NOT_FOUND', `Engine "${this.label.name}" does not run Swarm services`, {
        field: 'engine',
        reason: 'not a Swarm services engine',
      });
    return this.services;
  }

  /**
   * Why nothing may be launched here yet: it never answered, so whether a
   * launch makes a container or a Swarm service is not known.
   */
  launchRefusal(): CoreError | null {
    if (this.kindKnown) return null;
    return engineUnreachable(
      this.label,
      'it has not answered yet, so whether it runs containers or Swarm services is not known',
    );
  }

  snapshot(): EngineStatus {
    return { ...this.status };
  }

  start(): void {
    void this.connect();
  }

  /** The container of this user and mapping id it last knew of (stale while not connected). */
  held({ user, mappingId }: LaunchKey): RealmContainer | undefined {
    if (!this.load.holds({ user, mappingId })) return undefined;
    return this.mirror.containers().find((c) => c.user === user && c.mappingId === mappingId);
  }

  /** What the stats sampler reads of it now: its running realm containers, while connected. */
  statsTarget(): StatsTarget | null {
    // A service's task may run on any node; only each node's own engine could sample it.
    if (this.status.state !== 'connected' || !this.capacity || this.services) return null;
    return {
      engine: this.id,
      ...this.capacity,
      running: this.mirror
        .containers()
        .filter((c) => c.state === 'running')
        .map((c) => c.id),
      timeoutMs: this.timing.requestTimeoutMs,
      stats: (id, signal) => oneShotStats(this.docker, id, signal),
    };
  }

  /** A fresh list of the realm (one API call), folded into the mirror. */
  async list(): Promise<RealmContainer[]> {
    if (this.status.state === 'unreachable')
      throw engineUnreachable(this.label, this.status.lastError ?? 'not connected');
    try {
      return await this.resync();
    } catch (error) {
      if (isCoreError(error)) throw error;
      throw engineUnreachable(this.label, failureText(error), (error as { code?: string }).code);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.generation++;
    this.stopWatching();
    this.endpoint.close();
  }

  /** Stops watching, and tells listeners that its containers are gone from view. */
  async retire(): Promise<void> {
    this.mirror.clear();
    await this.close();
  }

  /** Connects again now, not after the backoff: an operator just answered what it waited for. */
  reconnectNow(): void {
    if (this.closed || this.status.state === 'connected') return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.failures = 0;
    void this.connect();
  }

  /** Trusts the unknown host key this SSH engine was refused, and connects again. */
  trustHostKey(fingerprint: string): void {
    if (!this.endpoint.ssh)
      throw new CoreError('NOT_FOUND', `Engine "${this.label.name}" is not reached over SSH`, {
        field: 'engine',
        reason: 'not an SSH engine',
      });
    this.endpoint.ssh.trustHostKey(fingerprint);
    this.setStatus({});
    this.reconnectNow();
  }

  private setStatus(patch: Partial<EngineStatus>): void {
    const moved = patch.state !== undefined && patch.state !== this.status.state;
    const ssh = this.endpoint.ssh && { ssh: this.endpoint.ssh.status() };
    this.status = { ...this.status, ...patch, ...ssh, ...(moved && { since: Date.now() }) };
    this.options.onStatus(this.snapshot());
  }

  private stopWatching(): void {
    if (this.retry) clearTimeout(this.retry);
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.retry = this.heartbeat = this.resyncTimer = null;
    const stream = this.stream as (NodeJS.ReadableStream & { destroy?: () => void }) | null;
    this.stream = null;
    stream?.destroy?.();
  }

  private async ping(): Promise<number> {
    const started = performance.now();
    await within(this.timing.requestTimeoutMs, '_ping', this.docker.ping());
    return Math.round((performance.now() - started) * 10) / 10;
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    try {
      const latencyMs = await this.ping();
      const wait = this.timing.requestTimeoutMs;
      const [info, version] = await Promise.all([
        within(
          wait,
          'GET /info',
          this.docker.info() as Promise<{
            ID?: string;
            NCPU?: number;
            MemTotal?: number;
            Swarm?: SwarmInfo;
          }>,
        ),
        within(wait, 'GET /version', this.docker.version()),
      ]);
      if (generation !== this.generation) return;
      const swarm = this.chooseKind(info.Swarm ?? {});
      await this.watchEvents(generation);
      // Events that arrive while this list is under way are applied too; the mirror keeps the newest.
      await this.resync();
      if (generation !== this.generation) return;
      this.failures = 0;
      this.droppedAt = null;
      this.everConnected = true;
      this.capacity = { cpus: info.NCPU ?? 0, memTotalBytes: info.MemTotal ?? 0 };
      this.setStatus({
        state: 'connected',
        dockerId: info.ID ?? null,
        apiVersion: version.ApiVersion ?? null,
        latencyMs,
        lastError: null,
        ...(swarm && { swarm }),
      });
      this.heartbeat = setInterval(() => void this.beat(generation), this.timing.heartbeatMs);
      this.heartbeat.unref();
    } catch (error) {
      this.drop(generation, failureText(error));
    }
  }

  /**
   * Containers or services, as the profile asks and `/info` allows: a
   * manager runs services unless the profile says containers; a profile that
   * asks for services on an engine that is no manager is refused.
   */
  private chooseKind(info: SwarmInfo): SwarmView | null {
    const { role } = swarmRole(info);
    const manager = role === 'manager';
    const asked = this.options.swarm?.mode;
    if (asked === 'services' && !manager)
      throw new Error(
        `mode "services" needs a Swarm manager, and this engine is ${role === 'worker' ? 'a Swarm worker' : 'not in a Swarm'} (docker info: Swarm.ControlAvailable is false)`,
      );
    const services = manager && asked !== 'containers';
    if (services) this.services ??= this.serviceManager();
    else this.services = null;
    this.kindKnown = true;
    if (!manager) return null;
    return {
      mode: services ? 'services' : 'containers',
      nodes: info.Nodes ?? 0,
      managers: info.Managers ?? 0,
    };
  }

  private serviceManager(): ServiceManager {
    const { nodeAddresses, placementTimeoutMs } = this.options.swarm ?? {};
    return new ServiceManager({
      docker: this.docker,
      realm: this.options.realm,
      ip: this.endpoint.ip,
      containers: this.containers,
      engine: this.label,
      ...(this.options.stopTimeoutSeconds !== undefined && {
        stopTimeoutSeconds: this.options.stopTimeoutSeconds,
      }),
      ...(this.options.concurrency !== undefined && { concurrency: this.options.concurrency }),
      ...(nodeAddresses && { nodeAddresses }),
      ...(placementTimeoutMs !== undefined && { placementTimeoutMs }),
    });
  }

  private async watchEvents(generation: number): Promise<void> {
    const realmLabel = `${RUNINFO.realm}=${this.options.realm}`;
    // Node events carry no labels: a services engine filters its containers' events itself.
    const filters: { type: Array<'service' | 'node' | 'container'>; label?: string[] } = this
      .services
      ? { type: ['service', 'node', 'container'] }
      : { type: ['container'], label: [realmLabel] };
    const stream = await within(
      this.timing.requestTimeoutMs,
      'GET /events',
      this.docker.getEvents({ filters }),
    );
    if (generation !== this.generation) {
      (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
      return;
    }
    this.stream = stream;
    stream.on(
      'data',
      jsonLines((raw) => {
        if (generation !== this.generation) return;
        if (this.services) return this.onSwarmEvent(raw);
        const event = containerEvent(raw);
        if (event) this.onEvent(event);
      }),
    );
    stream.on('error', (error: Error) =>
      this.drop(generation, `events stream: ${failureText(error)}`),
    );
    // A clean end is no reason to stop watching: the daemon may have restarted, or a proxy timed out.
    stream.on('end', () => this.drop(generation, 'the events stream ended'));
    stream.on('close', () => this.drop(generation, 'the events stream closed'));
  }

  private onEvent(event: ContainerEvent): void {
    if (event.action === 'destroy') {
      this.recent.delete(event.id);
      this.mirror.apply(event.id, null, this.mirror.stamp());
      return;
    }
    this.recent.set(event.id, { action: event.action, at: Date.now() });
    // The listing shows a death only after the clean-up; the event is news enough, in Docker's own words.
    if (event.action === 'die')
      this.mirror.patch(
        event.id,
        (known) => ({
          ...known,
          state: 'exited',
          status: `Exited (${event.exitCode ?? 0}) Less than a second ago`,
          port: null,
        }),
        this.mirror.stamp(),
      );
    this.refresh(event.id);
  }

  /**
   * A service, node or realm container changed: read the realm again (one
   * read for a burst). Tasks have no events of their own, hence the polls
   * while one is in transition, and the read at every heartbeat.
   */
  private onSwarmEvent(raw: unknown): void {
    const event = raw as { Type?: string; Actor?: { Attributes?: Record<string, string> } };
    if (event.Type === 'node') this.services?.nodesChanged();
    const realm = event.Actor?.Attributes?.[RUNINFO.realm];
    if (event.Type === 'container' && realm !== this.options.realm) return;
    this.resyncSoon(20);
  }

  private resyncSoon(delayMs: number): void {
    if (this.resyncTimer || this.closed) return;
    const generation = this.generation;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      if (generation !== this.generation) return;
      this.resync().catch(() => undefined);
    }, delayMs);
    this.resyncTimer.unref();
  }

  /** Whether this read of a container lags behind its last event (and is not to be applied). */
  private stale(id: string, container: RealmContainer | null): boolean {
    const last = this.recent.get(id);
    if (!last) return false;
    if (Date.now() - last.at < LAG_WINDOW_MS && listingLags(last.action, container?.state ?? null))
      return true;
    this.recent.delete(id);
    return false;
  }

  /** Reads one container again; events for it meanwhile cause one more read, not one each. */
  private refresh(id: string): void {
    if (this.refreshing.has(id)) {
      this.dirty.add(id);
      return;
    }
    this.refreshing.add(id);
    void (async () => {
      let retries = 0;
      try {
        do {
          this.dirty.delete(id);
          const stamp = this.mirror.stamp();
          const [found] = await this.manager.containersFromFilters({ id: [id] });
          if (!this.stale(id, found ?? null)) this.mirror.apply(id, found ?? null, stamp);
          else if (retries < LAG_RETRIES) {
            await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** retries++));
            this.dirty.add(id);
          }
        } while (this.dirty.has(id));
      } catch {
        // The engine dropped; the resync after reconnecting covers this container.
      } finally {
        this.refreshing.delete(id);
        this.dirty.delete(id);
      }
    })();
  }

  private async resync(): Promise<RealmContainer[]> {
    const stamp = this.mirror.stamp();
    const listed = await within(
      this.timing.requestTimeoutMs,
      this.services ? 'GET /services' : 'GET /containers/json',
      this.manager.listContainers(),
    );
    this.mirror.reconcile(listed, stamp, (id, container) => this.stale(id, container));
    // A task on its way (placed, pulling, starting) announces its arrival by no event.
    const moving = this.services !== null && listed.some((row) => row.state === 'created');
    this.transitionSince = moving ? (this.transitionSince ?? Date.now()) : null;
    if (moving) {
      const slow = Date.now() - this.transitionSince! > SLOW_AFTER_MS;
      this.resyncSoon(slow ? SLOW_TRANSITION_POLL_MS : TRANSITION_POLL_MS);
    }
    return listed;
  }

  private async beat(generation: number): Promise<void> {
    try {
      const latencyMs = await this.ping();
      if (generation === this.generation && latencyMs !== this.status.latencyMs)
        this.setStatus({ latencyMs });
      // A task that failed or moved on a worker sends the manager's stream nothing.
      if (generation === this.generation && this.services) await this.resync();
    } catch (error) {
      this.drop(generation, failureText(error));
    }
  }

  /** The connection of `generation` failed or ended: show it, and try again after a backoff. */
  private drop(generation: number, reason: string): void {
    if (generation !== this.generation || this.closed) return;
    this.generation++;
    this.stopWatching();
    const now = Date.now();
    this.droppedAt ??= now;
    const state =
      !this.everConnected || now - this.droppedAt >= this.timing.unreachableAfterMs
        ? 'unreachable'
        : 'reconnecting';
    this.setStatus({ state, lastError: reason, latencyMs: null });
    const delay = Math.min(this.timing.maxBackoffMs, this.timing.backoffMs * 2 ** this.failures);
    this.failures++;
    this.retry = setTimeout(() => void this.connect(), delay);
    this.retry.unref();
  }
}
