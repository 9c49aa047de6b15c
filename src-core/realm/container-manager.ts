import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import type Docker from 'dockerode';
import { PREVIEW_RANDOM } from '../api/containers';
import { CoreError } from '../api/errors';
import { CONTAINER_ID, fits } from '../api/ids';
import { dockerStatus, toCoreError, type EngineLabel } from '../docker/docker-error';
import type { LogLine } from '../docker/log-lines';
import pLimit, { type LimitFunction } from 'p-limit';
import { PendingGuard } from '../util/pending-guard';
import { fromInspect, fromListEntry, type RealmContainer } from './container';
import {
  containerDetails,
  followLogs,
  inspectInRealm,
  listAppImages,
  readLogs,
  type ContainerDetails,
  type LogFollower,
  type RealmScope,
} from './container-details';
import { randomNameSuffix } from './container-name';
import { planContainer, type CreatePlan } from './create-plan';
import { imageFromInspect, type AppImage } from './image';
import { CONTAINER_PORT, DEFAULT_REALM, RUNINFO, SWARM_TASK_LABEL, labelFilters } from './labels';
import { missingBindSource, vanishedBindSource } from './missing-bind-source';
import { validateStartRequest, type StartRequest, type VolumeSpec } from './start-request';
import type { RealmManager } from './realm-manager';
import { relaunchRequest } from './relaunch-request';
import { newUrlId } from './url-path';

export interface ContainerManagerOptions {
  docker: Docker;
  /** The realm this manager owns; it never touches a container of another. */
  realm?: string;
  /** Where published ports are reached: 127.0.0.1 for a local socket, else the engine's host. */
  ip: string;
  /** Seconds Docker waits after SIGTERM before SIGKILL when stopping. */
  stopTimeoutSeconds?: number;
  /** How many start/stop operations run at once. */
  concurrency?: number;
  /**
   * Whether the engine sees this machine's files (a local socket): a preview
   * then looks bind sources up here. A start always asks the engine.
   */
  localFiles?: boolean;
  /** The engine its errors name when it cannot be reached (an operator may have several). */
  engine?: EngineLabel;
  /**
   * The host address ports are published on, an IP or a name resolved here;
   * `ip` when absent, so that a container answers only where it is reached.
   */
  publishIp?: string;
}

export interface StartResult {
  container: RealmContainer;
  /** Binds the engine refused because their sources do not exist on its machine. */
  skippedVolumes: VolumeSpec[];
}

export interface PreviewBind extends VolumeSpec {
  /** Whether the source exists on this machine; null when the engine's machine is another. */
  exists: boolean | null;
}

export interface StartPreview {
  /** What a start creates, less the binds whose sources are known missing. */
  plan: CreatePlan;
  binds: PreviewBind[];
  /** The user's container of the same mapping id, which the start stops and removes first. */
  replaces: string | null;
  /** On a Swarm services engine: the service spec a start creates, in place of `plan.create`. */
  service?: Docker.CreateServiceOptions;
}

export interface StopResult {
  id: string;
  /** False when the container was already gone: stopping is idempotent. */
  removed: boolean;
}

export interface ContainerQuery {
  urlId?: string;
  mappingId?: string;
  user?: string;
}

/** The runinfo labels a look-up by url id, mapping id and user filters on, as the seed's. */
export function queryLabels(query: ContainerQuery): Record<string, string> {
  const labels: Record<string, string> = {};
  if (query.urlId !== undefined) labels[RUNINFO.urlId] = query.urlId;
  if (query.mappingId !== undefined) labels[RUNINFO.mappingId] = query.mappingId;
  if (query.user !== undefined) labels[RUNINFO.user] = query.user;
  return labels;
}

/** A single host has no nodes to place on: constraints are a Swarm engine's. */
function withoutConstraints(spec: Required<StartRequest>): Required<StartRequest> {
  if (spec.constraints.length)
    throw CoreError.validation(
      'constraints',
      'placement constraints need a Swarm engine that runs services; this engine runs containers',
    );
  return spec;
}

function checkedId(id: string): string {
  if (!fits(CONTAINER_ID, id)) throw CoreError.validation('id', CONTAINER_ID.reason);
  return id;
}

/**
 * simphony-remote's ContainerManager on dockerode: starts, lists and stops
 * the per-user application containers of one realm on one engine.
 */
export class ContainerManager implements RealmManager {
  readonly realm: string;
  readonly ip: string;
  private readonly docker: Docker;
  private readonly stopTimeout: number;
  private readonly localFiles: boolean;
  private readonly engine: EngineLabel | undefined;
  private readonly scope: RealmScope;
  private readonly publishIp: string;
  private publishAddress: Promise<string> | null = null;
  private readonly limit: LimitFunction;
  private readonly starting = new PendingGuard('start of mapping id');
  private readonly stopping = new PendingGuard('stop of container');

  constructor(options: ContainerManagerOptions) {
    this.docker = options.docker;
    this.realm = options.realm ?? DEFAULT_REALM;
    this.ip = options.ip;
    this.stopTimeout = options.stopTimeoutSeconds ?? 10;
    this.localFiles = options.localFiles ?? false;
    this.engine = options.engine;
    this.scope = { docker: this.docker, realm: this.realm, engine: this.engine };
    this.publishIp = options.publishIp ?? options.ip;
    this.limit = pLimit(options.concurrency ?? 8);
  }

  /**
   * Starts a container of `image` for `user`, replacing any container the
   * user already has for the same mapping id. A second start of a mapping id
   * while the first is pending fails with OPERATION_IN_PROGRESS.
   */
  async startContainer(request: StartRequest): Promise<StartResult> {
    const spec = withoutConstraints(validateStartRequest(request));
    return this.starting.run(spec.mappingId, { mappingId: spec.mappingId }, () =>
      this.limit(() => this.start(spec)),
    );
  }

  /**
   * Stops and removes a container of this realm. Idempotent: a container that
   * is already gone is not an error. A container of another realm, or one
   * without our labels, is refused with REALM_VIOLATION.
   */
  async stopAndRemoveContainer(id: string): Promise<StopResult> {
    checkedId(id);
    return this.stopping.run(id, { id }, () => this.limit(() => this.stopAndRemove(id)));
  }

  /**
   * The start request that made a realm container (REALM_VIOLATION for
   * another realm's): starting it again replaces the container with a new
   * one of the same user, mapping id, image, environment, binds and limits.
   */
  async relaunchRequest(id: string): Promise<StartRequest> {
    const info = await inspectInRealm(this.scope, checkedId(id));
    // By id: the image it was made of, even if its name now names another or none.
    const image = await this.docker
      .getImage(info.Image)
      .inspect()
      .catch((error) => {
        if (dockerStatus(error) === 404) return null;
        throw toCoreError(error, `inspecting image ${info.Image}`, this.engine);
      });
    return relaunchRequest(info, image?.Config.Env ?? []);
  }

  /** Whether this manager is starting that container's mapping id, or stopping it, now. */
  busyWith(container: RealmContainer): boolean {
    return this.starting.has(container.mappingId) || this.stopping.has(container.id);
  }

  /** Every container of the realm, in any state, in one Docker API call. */
  listContainers(): Promise<RealmContainer[]> {
    return this.findContainers({});
  }

  findContainers(query: ContainerQuery): Promise<RealmContainer[]> {
    return this.containersWithLabels(queryLabels(query));
  }

  /** The one container matching the query, or null; MULTIPLE_RESULTS if several do. */
  async findContainer(query: ContainerQuery): Promise<RealmContainer | null> {
    const found = await this.findContainers(query);
    if (found.length > 1)
      throw new CoreError(
        'MULTIPLE_RESULTS',
        `Found ${found.length} containers for ${JSON.stringify(query)}`,
        {
          query,
          ids: found.map((c) => c.id),
        },
      );
    return found[0] ?? null;
  }

  containersWithLabels(labels: Record<string, string>): Promise<RealmContainer[]> {
    return this.containersFromFilters({ label: labelFilters(labels) });
  }

  /** Docker list filters, always narrowed to this realm. */
  async containersFromFilters(filters: Record<string, string[]>): Promise<RealmContainer[]> {
    const realmLabel = `${RUNINFO.realm}=${this.realm}`;
    const narrowed = { ...filters, label: [...(filters.label ?? []), realmLabel] };
    let entries: Docker.ContainerInfo[];
    try {
      entries = await this.docker.listContainers({ all: true, filters: narrowed });
    } catch (error) {
      throw toCoreError(error, 'listing containers', this.engine);
    }
    return (
      entries
        .filter((entry) => entry.Labels?.[RUNINFO.realm] === this.realm)
        // A Swarm task's container is its service's row: Swarm, not a stop, decides its fate.
        .filter((entry) => !entry.Labels?.[SWARM_TASK_LABEL])
        .map((entry) => fromListEntry(entry, this.ip))
    );
  }

  /** The image's simphony metadata, or null when the engine does not have it. */
  async image(nameOrId: string): Promise<AppImage | null> {
    try {
      return imageFromInspect(await this.docker.getImage(nameOrId).inspect());
    } catch (error) {
      if (dockerStatus(error) === 404) return null;
      throw toCoreError(error, `inspecting image ${nameOrId}`, this.engine);
    }
  }

  /** A realm container's inspect summary; REALM_VIOLATION for another realm's. */
  async inspectContainer(id: string): Promise<ContainerDetails> {
    return containerDetails(this.scope, this.ip, checkedId(id));
  }

  /** The last `tail` lines a realm container wrote, stdout and stderr apart. */
  async containerLogs(id: string, tail: number): Promise<LogLine[]> {
    return readLogs(this.scope, checkedId(id), tail);
  }

  /** Streams a realm container's output until the returned `stop()` or its end. */
  async followContainerLogs(
    id: string,
    tail: number,
    follower: LogFollower,
  ): Promise<{ stop(): void }> {
    return followLogs(this.scope, checkedId(id), tail, follower);
  }

  /** The engine's tagged images with their simphony metadata. */
  async listImages(): Promise<AppImage[]> {
    return listAppImages(this.scope);
  }

  /**
   * What `startContainer` would create, without creating it: the same
   * validation, image check and create options, the random parts left as
   * placeholders, and the container it would replace. Only the engine knows
   * which bind sources exist on its machine: a preview can tell only when
   * that machine is this one (`localFiles`), and the start has the last word.
   */
  async previewContainer(request: StartRequest): Promise<StartPreview> {
    const spec = withoutConstraints(validateStartRequest(request));
    const [{ existing }, publishIp] = await Promise.all([this.prepare(spec), this.published()]);
    return this.previewOf(spec, existing?.id ?? null, publishIp);
  }

  /**
   * The same preview without asking the engine, for one that cannot be asked
   * now: the image is not checked, and `replaces` is what it was known to hold.
   */
  previewUnasked(request: StartRequest, replaces: string | null): StartPreview {
    return this.previewOf(
      withoutConstraints(validateStartRequest(request)),
      replaces,
      this.publishIp,
    );
  }

  private previewOf(
    spec: Required<StartRequest>,
    replaces: string | null,
    publishIp: string,
  ): StartPreview {
    const binds = spec.volumes.map((v) => ({
      ...v,
      exists: this.localFiles ? existsSync(v.source) : null,
    }));
    const missing = spec.volumes.filter((_, i) => binds[i]!.exists === false);
    return {
      plan: planContainer(this.realm, spec, PREVIEW_RANDOM, { publishIp, skipped: missing }),
      binds,
      replaces,
    };
  }

  /** The image (IMAGE_NOT_FOUND when absent) and the container the start replaces. */
  private async prepare(spec: Required<StartRequest>) {
    const [image, existing] = await Promise.all([
      this.docker
        .getImage(spec.image)
        .inspect()
        .catch((error) => {
          if (dockerStatus(error) === 404)
            throw new CoreError('IMAGE_NOT_FOUND', `image: "${spec.image}" is not on this engine`, {
              field: 'image',
              reason: 'not found',
            });
          throw toCoreError(error, `inspecting image ${spec.image}`, this.engine);
        }),
      this.findContainer({ user: spec.user, mappingId: spec.mappingId }),
    ]);
    return { image, existing };
  }

  private async start(spec: Required<StartRequest>): Promise<StartResult> {
    const { image, existing } = await this.prepare(spec);
    // A fresh start every time, as the seed guarantees.
    if (existing) await this.stopAndRemove(existing.id);

    const { plan, created } = await this.create(spec);

    try {
      await created.start();
      const container = fromInspect(await created.inspect(), this.ip);
      if (container.port === null) throw new Error(`port ${CONTAINER_PORT} was not published`);
      return {
        container: { ...container, imageId: image.Id },
        skippedVolumes: plan.skippedVolumes,
      };
    } catch (error) {
      // Never leave a half-started container behind.
      await created.remove({ force: true }).catch(() => undefined);
      throw (
        vanishedBindSource(error, spec.volumes, plan.mounted) ??
        toCoreError(error, `starting container ${created.id.slice(0, 12)}`, this.engine)
      );
    }
  }

  /** The publish address as Docker takes it: an IP, a name resolved here once. */
  private published(): Promise<string> {
    this.publishAddress ??= isIP(this.publishIp)
      ? Promise.resolve(this.publishIp)
      : lookup(this.publishIp).then(
          ({ address }) => address,
          (error: NodeJS.ErrnoException) => {
            this.publishAddress = null;
            throw new CoreError(
              'VALIDATION',
              `publishIp: "${this.publishIp}" does not resolve to an address here (${error.code}); give the engine's publish address as an IP`,
              { field: 'publishIp', reason: 'does not resolve' },
            );
          },
        );
    return this.publishAddress;
  }

  /**
   * Creates the container, leaving out each bind whose source the engine
   * refuses as missing on its machine: a refused create makes nothing, so
   * one create in the common case, one more per missing source.
   */
  private async create(spec: Required<StartRequest>) {
    const random = { nameSuffix: randomNameSuffix(), urlId: newUrlId() };
    const publishIp = await this.published();
    let skipped: VolumeSpec[] = [];
    for (;;) {
      const plan = planContainer(this.realm, spec, random, { publishIp, skipped });
      try {
        return { plan, created: await this.docker.createContainer(plan.create) };
      } catch (error) {
        const missing = missingBindSource(error, plan.mounted);
        if (missing === undefined)
          throw toCoreError(error, `creating a container of ${spec.image}`, this.engine);
        skipped = [...skipped, ...plan.mounted.filter((v) => v.source === missing)];
      }
    }
  }

  private async stopAndRemove(id: string): Promise<StopResult> {
    const handle = this.docker.getContainer(id);
    let info: Docker.ContainerInspectInfo;
    try {
      info = await handle.inspect();
    } catch (error) {
      if (dockerStatus(error) === 404) return { id, removed: false };
      throw toCoreError(error, `inspecting container ${id}`, this.engine);
    }
    const realm = info.Config.Labels?.[RUNINFO.realm];
    if (realm !== this.realm)
      throw new CoreError(
        'REALM_VIOLATION',
        realm
          ? `Container ${id} belongs to realm "${realm}", not "${this.realm}": refusing to stop it`
          : `Container ${id} is not a simphony-remote container: refusing to stop it`,
        { id, realm: realm ?? null },
      );
    const task = info.Config.Labels?.[SWARM_TASK_LABEL];
    if (task)
      throw new CoreError(
        'CONFLICT',
        `Container ${id} runs Swarm task ${task}: Swarm would start it again; stop its service on the Swarm engine`,
        { id, task },
      );
    // Act on the full id from here on, so that a name reused meanwhile is not hit.
    const container = this.docker.getContainer(info.Id);
    try {
      await container.stop({ t: this.stopTimeout });
    } catch (error) {
      // 304: already stopped; 404: gone meanwhile. Either way, go on to remove.
      const status = dockerStatus(error);
      if (status !== 304 && status !== 404)
        throw toCoreError(error, `stopping container ${id}`, this.engine);
    }
    try {
      await container.remove();
    } catch (error) {
      const status = dockerStatus(error);
      if (status === 404) return { id: info.Id, removed: false };
      // 409 "removal already in progress": someone else is finishing the job.
      if (status !== 409) throw toCoreError(error, `removing container ${id}`, this.engine);
    }
    return { id: info.Id, removed: true };
  }
}
