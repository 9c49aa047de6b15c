import type Docker from 'dockerode';
import pLimit, { type LimitFunction } from 'p-limit';
import { PREVIEW_RANDOM } from '../api/containers';
import { CoreError } from '../api/errors';
import { CONTAINER_ID, fits } from '../api/ids';
import { dockerStatus, toCoreError, type EngineLabel } from '../docker/docker-error';
import { LogLineReader, type LogLine } from '../docker/log-lines';
import type { NodeAvailability, SwarmNode, SwarmTask } from '../docker/swarm-types';
import type { RealmContainer } from '../realm/container';
import {
  streamLogLines,
  type ContainerDetails,
  type LogFollower,
} from '../realm/container-details';
import {
  queryLabels,
  type ContainerManager,
  type ContainerQuery,
  type StartPreview,
  type StartResult,
  type StopResult,
} from '../realm/container-manager';
import { randomNameSuffix } from '../realm/container-name';
import type { AppImage } from '../realm/image';
import { RUNINFO, labelFilters } from '../realm/labels';
import type { RealmManager } from '../realm/realm-manager';
import { startedRequest } from '../realm/relaunch-request';
import { currentTask, nodeAddress, serviceRow, type NodeAddresses } from '../realm/service-row';
import { planService } from '../realm/service-plan';
import { validateStartRequest, type StartRequest } from '../realm/start-request';
import { newUrlId } from '../realm/url-path';
import { PendingGuard } from '../util/pending-guard';

export interface ServiceManagerOptions {
  docker: Docker;
  realm: string;
  /** The engine's own address: where a node without one of its own is looked for. */
  ip: string;
  /** The same engine's container manager: images are the manager node's. */
  containers: ContainerManager;
  engine?: EngineLabel;
  stopTimeoutSeconds?: number;
  concurrency?: number;
  /** The operator's address of a node (by hostname or node id), where Swarm's is not reachable. */
  nodeAddresses?: NodeAddresses;
  /** How long a launch waits for Swarm to place and start its task before it gives up. */
  placementTimeoutMs?: number;
}

/** A Swarm node as the Engines view shows it. */
export interface NodeSummary {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  leader: boolean;
  availability: NodeAvailability;
  state: string;
  address: string;
  cpus: number;
  memoryBytes: number;
  /** The realm's tasks running on it now. */
  runningTasks: number;
}

/** Nodes change rarely and each change is an event; this bounds what a missed one costs. */
const NODES_TTL_MS = 10_000;

function checkedId(id: string): string {
  if (!fits(CONTAINER_ID, id)) throw CoreError.validation('id', CONTAINER_ID.reason);
  return id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The realm on a Swarm manager: one replicated service per (user, mapping
 * id), each row a service joined with its current task and the node that
 * runs it. What the seed's ContainerManager does with containers, done with
 * services, so that Swarm places each by its resources and constraints.
 */
export class ServiceManager implements RealmManager {
  readonly realm: string;
  readonly ip: string;
  private readonly docker: Docker;
  private readonly containers: ContainerManager;
  private readonly engine: EngineLabel | undefined;
  private readonly stopTimeout: number;
  private readonly addresses: NodeAddresses;
  private readonly placementTimeoutMs: number;
  private readonly limit: LimitFunction;
  private readonly starting = new PendingGuard('start of mapping id');
  private readonly stopping = new PendingGuard('stop of service');
  private nodeCache: { at: number; nodes: Promise<SwarmNode[]> } | null = null;

  constructor(options: ServiceManagerOptions) {
    this.docker = options.docker;
    this.realm = options.realm;
    this.ip = options.ip;
    this.containers = options.containers;
    this.engine = options.engine;
    this.stopTimeout = options.stopTimeoutSeconds ?? 10;
    this.addresses = options.nodeAddresses ?? {};
    this.placementTimeoutMs = options.placementTimeoutMs ?? 60_000;
    this.limit = pLimit(options.concurrency ?? 8);
  }

  /**
   * Creates the user's service (replacing the one of the same mapping id)
   * and returns once its task runs, with the node and port it runs on. A
   * task that fails, or that Swarm cannot place in time, fails the launch
   * with Swarm's reason, and the service is removed.
   */
  async startContainer(request: StartRequest): Promise<StartResult> {
    const spec = validateStartRequest(request);
    return this.starting.run(spec.mappingId, { mappingId: spec.mappingId }, () =>
      this.limit(async () => {
        const { existing } = await this.prepare(spec);
        if (existing) await this.remove(existing.id);
        const random = { nameSuffix: randomNameSuffix(), urlId: newUrlId() };
        const { spec: service } = planService(this.realm, spec, random, this.stopTimeout);
        let id: string;
        try {
          id = ((await this.docker.createService(service)) as unknown as { id: string }).id;
        } catch (error) {
          throw toCoreError(error, `creating a service of ${spec.image}`, this.engine);
        }
        try {
          // The row as the listing shows it, so that the mirror finds nothing changed.
          return { container: await this.untilRunning(id, service.Name!), skippedVolumes: [] };
        } catch (error) {
          // Nothing half-done: a service that never ran goes.
          await this.docker
            .getService(id)
            .remove()
            .catch(() => undefined);
          throw error;
        }
      }),
    );
  }

  /** Removes a service of this realm (its task stops with it); idempotent. */
  async stopAndRemoveContainer(id: string): Promise<StopResult> {
    checkedId(id);
    return this.stopping.run(id, { id }, () => this.limit(() => this.remove(id)));
  }

  async relaunchRequest(id: string): Promise<StartRequest> {
    const service = await this.inspectInRealm(checkedId(id));
    const template = service.Spec!.TaskTemplate as Docker.ContainerTaskSpec;
    const container = template.ContainerSpec ?? {};
    const image = (container.Image ?? '').replace(/@sha256:[0-9a-f]+$/, '');
    const imageEnv = await this.docker
      .getImage(image)
      .inspect()
      .then(
        (info) => info.Config.Env ?? [],
        () => [],
      );
    const limits = template.Resources?.Limits;
    const reserved = template.Resources?.Reservations;
    return startedRequest(
      {
        labels: service.Spec!.Labels ?? {},
        image,
        env: container.Env ?? [],
        host: {
          Mounts: container.Mounts as Docker.HostConfig['Mounts'],
          ...(limits?.NanoCPUs && { NanoCpus: limits.NanoCPUs }),
          ...(limits?.MemoryBytes && { Memory: limits.MemoryBytes }),
          ...(reserved?.MemoryBytes &&
            reserved.MemoryBytes !== limits?.MemoryBytes && {
              MemoryReservation: reserved.MemoryBytes,
            }),
        },
        constraints: template.Placement?.Constraints ?? [],
      },
      imageEnv,
    );
  }

  busyWith(container: RealmContainer): boolean {
    return this.starting.has(container.mappingId) || this.stopping.has(container.id);
  }

  listContainers(): Promise<RealmContainer[]> {
    return this.containersFromFilters({});
  }

  findContainers(query: ContainerQuery): Promise<RealmContainer[]> {
    return this.containersFromFilters({ label: labelFilters(queryLabels(query)) });
  }

  async findContainer(query: ContainerQuery): Promise<RealmContainer | null> {
    const found = await this.findContainers(query);
    if (found.length > 1)
      throw new CoreError(
        'MULTIPLE_RESULTS',
        `Found ${found.length} services for ${JSON.stringify(query)}`,
        { query, ids: found.map((c) => c.id) },
      );
    return found[0] ?? null;
  }

  /** The realm's services (`id` filters by service id), each joined with its task and node. */
  async containersFromFilters(filters: Record<string, string[]>): Promise<RealmContainer[]> {
    const realmLabel = `${RUNINFO.realm}=${this.realm}`;
    const label = [...(filters.label ?? []), realmLabel];
    let services: Docker.Service[], tasks: SwarmTask[], nodes: SwarmNode[];
    try {
      [services, tasks, nodes] = await Promise.all([
        this.docker.listServices({ filters: { ...filters, label } }),
        this.docker.listTasks({
          filters: { label: [realmLabel], ...(filters.id && { service: filters.id }) },
        }) as Promise<SwarmTask[]>,
        this.nodes(),
      ]);
    } catch (error) {
      throw toCoreError(error, 'listing services', this.engine);
    }
    const byService = new Map<string, SwarmTask[]>();
    for (const task of tasks)
      byService.set(task.ServiceID, [...(byService.get(task.ServiceID) ?? []), task]);
    const byNode = new Map(nodes.map((node) => [node.ID, node]));
    return services
      .filter((service) => service.Spec?.Labels?.[RUNINFO.realm] === this.realm)
      .map((service) => {
        const task = currentTask(byService.get(service.ID) ?? []);
        return serviceRow(service, task, byNode.get(task?.NodeID ?? ''), this.addresses);
      });
  }

  image(nameOrId: string): Promise<AppImage | null> {
    return this.containers.image(nameOrId);
  }

  listImages(): Promise<AppImage[]> {
    return this.containers.listImages();
  }

  async inspectContainer(id: string): Promise<ContainerDetails> {
    const service = await this.inspectInRealm(checkedId(id));
    const [row] = await this.containersFromFilters({ id: [service.ID] });
    const tasks = (await this.docker.listTasks({
      filters: { service: [service.ID] },
    })) as SwarmTask[];
    const task = currentTask(tasks);
    const container = (service.Spec!.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec ?? {};
    const settled =
      task && ['complete', 'failed', 'shutdown', 'rejected'].includes(task.Status.State);
    return {
      container: row!,
      labels: service.Spec!.Labels ?? {},
      env: container.Env ?? [],
      mounts: (container.Mounts ?? []).map((m) => ({
        source: m.Source ?? '',
        target: m.Target ?? '',
        readOnly: m.ReadOnly ?? false,
      })),
      command: [...(container.Command ?? []), ...(container.Args ?? [])],
      startedAt: task?.Status.State === 'running' ? (task.Status.Timestamp ?? null) : null,
      finishedAt: settled ? (task.Status.Timestamp ?? null) : null,
      exitCode: settled ? (task.Status.ContainerStatus?.ExitCode ?? null) : null,
    };
  }

  /** The last `tail` lines of the service's tasks, as `docker service logs` reads them. */
  async containerLogs(id: string, tail: number): Promise<LogLine[]> {
    const service = await this.inspectInRealm(checkedId(id));
    let bytes: Buffer;
    try {
      bytes = (await this.docker
        .getService(service.ID)
        .logs({ stdout: true, stderr: true, tail, follow: false })) as unknown as Buffer;
    } catch (error) {
      throw toCoreError(error, `reading the logs of service ${id}`, this.engine);
    }
    const reader = new LogLineReader(true);
    return [...reader.push(bytes), ...reader.end()];
  }

  async followContainerLogs(
    id: string,
    tail: number,
    follower: LogFollower,
  ): Promise<{ stop(): void }> {
    const service = await this.inspectInRealm(checkedId(id));
    const doing = `following the logs of service ${id}`;
    let stream: NodeJS.ReadableStream;
    try {
      stream = (await this.docker
        .getService(service.ID)
        .logs({ stdout: true, stderr: true, tail, follow: true })) as NodeJS.ReadableStream;
    } catch (error) {
      throw toCoreError(error, doing, this.engine);
    }
    return streamLogLines(stream, true, follower, (error) =>
      toCoreError(error, doing, this.engine),
    );
  }

  /** What a start would create: the service spec, with the random parts as placeholders. */
  async previewContainer(request: StartRequest): Promise<StartPreview> {
    const spec = validateStartRequest(request);
    const { existing } = await this.prepare(spec);
    return this.previewUnasked(spec, existing?.id ?? null);
  }

  previewUnasked(request: StartRequest, replaces: string | null): StartPreview {
    const spec = validateStartRequest(request);
    const { plan, spec: service } = planService(this.realm, spec, PREVIEW_RANDOM, this.stopTimeout);
    // Only the node that runs the task can tell whether a bind source exists there.
    return { plan, binds: spec.volumes.map((v) => ({ ...v, exists: null })), replaces, service };
  }

  /** The Swarm's nodes, with the realm's tasks running on each. */
  async listNodes(): Promise<NodeSummary[]> {
    this.nodeCache = null;
    let nodes: SwarmNode[], tasks: SwarmTask[];
    try {
      [nodes, tasks] = await Promise.all([
        this.nodes(),
        this.docker.listTasks({
          filters: { label: [`${RUNINFO.realm}=${this.realm}`], 'desired-state': ['running'] },
        }) as Promise<SwarmTask[]>,
      ]);
    } catch (error) {
      throw toCoreError(error, 'listing nodes', this.engine);
    }
    return nodes.map((node) => ({
      id: node.ID,
      hostname: node.Description?.Hostname ?? '',
      role: node.Spec.Role,
      leader: node.ManagerStatus?.Leader ?? false,
      availability: node.Spec.Availability,
      state: node.Status.State,
      address: nodeAddress(node, this.addresses),
      cpus: (node.Description?.Resources?.NanoCPUs ?? 0) / 1e9,
      memoryBytes: node.Description?.Resources?.MemoryBytes ?? 0,
      runningTasks: tasks.filter((t) => t.NodeID === node.ID && t.Status.State === 'running')
        .length,
    }));
  }

  /** Drains a node (Swarm moves its tasks elsewhere) or makes it active again. */
  async setNodeAvailability(nodeId: string, availability: NodeAvailability): Promise<void> {
    const handle = this.docker.getNode(checkedId(nodeId));
    try {
      const node = (await handle.inspect()) as SwarmNode;
      await handle.update({
        version: node.Version.Index,
        ...node.Spec,
        Availability: availability,
      });
    } catch (error) {
      if (dockerStatus(error) === 404)
        throw new CoreError('NOT_FOUND', `Node ${nodeId} is not in this Swarm`, {
          field: 'node',
          reason: 'not found',
        });
      throw toCoreError(error, `setting node ${nodeId} to ${availability}`, this.engine);
    } finally {
      this.nodeCache = null;
    }
  }

  /** Forgets the nodes read: one of them changed (an event said so). */
  nodesChanged(): void {
    this.nodeCache = null;
  }

  private nodes(): Promise<SwarmNode[]> {
    if (!this.nodeCache || Date.now() - this.nodeCache.at > NODES_TTL_MS) {
      const nodes = this.docker.listNodes() as Promise<SwarmNode[]>;
      this.nodeCache = { at: Date.now(), nodes };
      nodes.catch(() => (this.nodeCache = null));
    }
    return this.nodeCache.nodes;
  }

  private async prepare(spec: Required<StartRequest>) {
    const [image, existing] = await Promise.all([
      this.containers.image(spec.image),
      this.findContainer({ user: spec.user, mappingId: spec.mappingId }),
    ]);
    if (!image)
      throw new CoreError('IMAGE_NOT_FOUND', `image: "${spec.image}" is not on this engine`, {
        field: 'image',
        reason: 'not found',
      });
    return { image, existing };
  }

  /** Inspects a service, refusing one of another realm (REALM_VIOLATION); NOT_FOUND when none. */
  private async inspectInRealm(id: string): Promise<Docker.Service> {
    let service: Docker.Service;
    try {
      service = (await this.docker.getService(id).inspect()) as Docker.Service;
    } catch (error) {
      if (dockerStatus(error) === 404)
        throw new CoreError('NOT_FOUND', `Service ${id} does not exist`, { id });
      throw toCoreError(error, `inspecting service ${id}`, this.engine);
    }
    this.refuseOutsideRealm(service, id, 'show');
    return service;
  }

  private refuseOutsideRealm(service: Docker.Service, id: string, doing: string): void {
    const realm = service.Spec?.Labels?.[RUNINFO.realm];
    if (realm !== this.realm)
      throw new CoreError(
        'REALM_VIOLATION',
        realm
          ? `Service ${id} belongs to realm "${realm}", not "${this.realm}": refusing to ${doing} it`
          : `Service ${id} is not a simphony-remote service: refusing to ${doing} it`,
        { id, realm: realm ?? null },
      );
  }

  private async remove(id: string): Promise<StopResult> {
    let service: Docker.Service;
    try {
      service = (await this.docker.getService(id).inspect()) as Docker.Service;
    } catch (error) {
      if (dockerStatus(error) === 404) return { id, removed: false };
      throw toCoreError(error, `inspecting service ${id}`, this.engine);
    }
    this.refuseOutsideRealm(service, id, 'stop');
    try {
      // By its full id from here on, so that a name reused meanwhile is not hit.
      await this.docker.getService(service.ID).remove();
    } catch (error) {
      if (dockerStatus(error) === 404) return { id: service.ID, removed: false };
      throw toCoreError(error, `removing service ${id}`, this.engine);
    }
    return { id: service.ID, removed: true };
  }

  /**
   * Polls the new service's tasks until one runs with its port published
   * (10 ms apart at first, then up to 250 ms); throws with Swarm's reason
   * when its task fails, or when it is not running within the placement timeout.
   */
  private async untilRunning(id: string, name: string): Promise<RealmContainer> {
    const deadline = Date.now() + this.placementTimeoutMs;
    for (let wait = 10; ; wait = Math.min(250, wait * 2)) {
      const tasks = (await this.docker
        .listTasks({ filters: { service: [id] } })
        .catch((error: unknown) => {
          throw toCoreError(error, `listing the tasks of service ${name}`, this.engine);
        })) as SwarmTask[];
      const task = currentTask(tasks);
      const state = task?.Status.State;
      if (state === 'running') {
        const [row] = await this.containersFromFilters({ id: [id] });
        if (row?.port) return row;
      }
      const failed = tasks.find((t) => ['failed', 'rejected'].includes(t.Status.State));
      if (failed) {
        const node = failed.NodeID ? await this.hostname(failed.NodeID) : 'no node';
        throw new CoreError(
          'INTERNAL',
          `Service ${name}: its task failed on ${node}: ${failed.Status.Err ?? failed.Status.Message ?? failed.Status.State}`,
          { service: id, node, reason: failed.Status.Err ?? failed.Status.State },
        );
      }
      if (Date.now() >= deadline) {
        const reason = task
          ? (task.Status.Err ?? task.Status.Message ?? task.Status.State)
          : 'no task';
        throw new CoreError(
          'TIMEOUT',
          `Swarm did not start service ${name} within ${this.placementTimeoutMs / 1000} s (${reason}), so the service was removed`,
          { service: id, reason, removed: true },
        );
      }
      await sleep(wait);
    }
  }

  private async hostname(nodeId: string): Promise<string> {
    const node = (await this.nodes()).find((n) => n.ID === nodeId);
    return node?.Description?.Hostname ?? nodeId;
  }
}
