import { z } from 'zod';
import { call, event } from './define';
import {
  containerId,
  containerRef,
  engineChoice,
  engineId,
  errorPayload,
  callerId,
  id,
  text,
} from './fields';
import { ENV_NAME } from './ids';
import { placementFields } from './placement';

export const containerState = z.enum([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
]);

/** A realm container as the operator sees it: which engine, and where it is opened. */
export const containerView = z.object({
  engine: z.string(),
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  user: z.string(),
  mappingId: z.string(),
  urlId: z.string(),
  urlpath: z.string(),
  realm: z.string(),
  ip: z.string(),
  port: z.number().int().nullable(),
  state: containerState,
  status: z.string(),
  created: z.number(),
  /** Where the app is opened (the proxy's address once there is one); null when not running. */
  url: z.string().nullable(),
  /** The last request or WebSocket frame through the proxy (ISO 8601); null: none recorded. */
  lastActivity: z.string().nullable(),
  /** A Swarm service's row: the hostname of the node running its task; null for a plain container. */
  node: z.string().nullable(),
  /** A Swarm service's row: its service id (also `id`); null for a plain container. */
  service: z.string().nullable(),
});

export type ContainerView = z.infer<typeof containerView>;

const volume = z.strictObject({
  source: text(4096),
  target: text(4096),
  mode: z.enum(['ro', 'rw']),
});

const MAX_ENV = 128;

const environment = z
  .record(
    id(ENV_NAME).max(256, 'must be at most 256 characters'),
    z.string().max(32768, 'must be at most 32768 characters'),
  )
  .refine((env) => Object.keys(env).length <= MAX_ENV, `must have at most ${MAX_ENV} variables`);

/**
 * A launch names a user and an image with validated settings; the core
 * builds the Docker create options. Nothing Docker-specific crosses here.
 */
export const launchRequest = z.strictObject({
  /** An engine id, or `any`: see `engineChoice`. */
  engine: engineChoice.default('any'),
  user: text(256),
  image: text(512),
  /** One container per (user, mapping id); derived from the image when omitted. */
  mappingId: text(128).optional(),
  baseUrlpath: text(4096).optional(),
  volumes: z.array(volume).max(32, 'must have at most 32 volumes').optional(),
  environment: environment.optional(),
  /** The limits (a Swarm engine also reserves them) and Swarm placement constraints. */
  cpus: placementFields.cpus,
  /** In bytes. */
  memory: placementFields.memoryBytes,
  constraints: placementFields.constraints,
  operationId: callerId.optional(),
});

/**
 * A dry run of a launch for several users: the same fields, with `users`
 * in place of `user`, each user's engine chosen as their launches, sent in
 * this order, would choose now. Nothing is created.
 */
export const previewRequest = launchRequest.omit({ user: true, operationId: true }).extend({
  users: z
    .array(text(256))
    .min(1, 'must name at least one user')
    .max(200, 'must name at most 200 users'),
});

/** Stand-ins for what a start draws at random, as they appear in a preview. */
export const PREVIEW_RANDOM = { nameSuffix: '{random}', urlId: '{url_id}' } as const;

const previewVolume = z.object({
  source: z.string(),
  target: z.string(),
  mode: z.string(),
  /**
   * Whether the host path exists, looked up on this machine for an engine on
   * a local socket (false: the bind is left out at launch). Null for a remote
   * engine: its own machine is checked at launch.
   */
  exists: z.boolean().nullable(),
});

/** Exactly what a launch would create for one user. */
export const containerPreview = z.object({
  user: z.string(),
  /** The engine this user's launch goes to; `replaces` is a container of it. */
  engine: z.string(),
  /** `{realm}-{user}-{mapping id}`; the name goes on with `-` and `nameSuffix`. */
  namePrefix: z.string(),
  /** How the random end of the name is written: PREVIEW_RANDOM.nameSuffix (10 letters a-z). */
  nameSuffix: z.string(),
  image: z.string(),
  mappingId: z.string(),
  labels: z.record(z.string(), z.string()),
  environment: z.record(z.string(), z.string()),
  binds: z.array(previewVolume),
  /** The CPU and memory limits the launch sets (null: none); a Swarm engine reserves them too. */
  resources: z.object({ cpus: z.number().nullable(), memoryBytes: z.number().nullable() }),
  /**
   * On a Swarm engine that runs services, the service spec the launch
   * creates in place of a container (Docker's ServiceSpec); null otherwise.
   */
  service: z.record(z.string(), z.unknown()).nullable(),
  /** The host address port 8888 is published on (a random port, on this address only). */
  publishIp: z.string(),
  /** The user's container of the same mapping id, stopped and removed first. */
  replaces: z.string().nullable(),
  /**
   * Other engines that hold this user's container of the same mapping id: a
   * launch on `engine` leaves it there, and the user with two.
   */
  alsoOn: z.array(z.string()).default([]),
  /**
   * Why this user's launch would be refused now (with `any`: the engine
   * holding their container, named in `engine`, is not connected); the rest
   * is then what it would create there, its image unchecked.
   */
  error: errorPayload.optional(),
});

export type ContainerPreviewView = z.infer<typeof containerPreview>;

const stopOutcome = z.discriminatedUnion('ok', [
  z.object({ engine: z.string(), id: z.string(), ok: z.literal(true), removed: z.boolean() }),
  z.object({ engine: z.string(), id: z.string(), ok: z.literal(false), error: errorPayload }),
]);

const relaunchOutcome = z.discriminatedUnion('ok', [
  z.object({
    engine: z.string(),
    /** The container relaunched, now replaced by `container`. */
    id: z.string(),
    ok: z.literal(true),
    container: containerView,
    skippedVolumes: z.array(z.object({ source: z.string(), target: z.string(), mode: z.string() })),
  }),
  z.object({ engine: z.string(), id: z.string(), ok: z.literal(false), error: errorPayload }),
]);

const logLine = z.object({ stream: z.enum(['stdout', 'stderr']), text: z.string() });

export const containerChange = z.discriminatedUnion('kind', [
  z.object({ engine: z.string(), kind: z.enum(['added', 'changed']), container: containerView }),
  z.object({ engine: z.string(), kind: z.literal('removed'), id: z.string() }),
]);

export const calls = {
  /** Every engine's realm containers; an engine that cannot answer says why instead of looking empty. */
  'containers.list': call(
    z.strictObject({ engine: engineId.optional() }),
    z.object({
      engines: z.array(
        z.object({
          engine: z.string(),
          containers: z.array(containerView),
          error: errorPayload.optional(),
        }),
      ),
    }),
  ),
  'containers.launch': call(
    launchRequest,
    z.object({
      engine: z.string(),
      container: containerView,
      /** Bind sources that do not exist on the engine's machine, so were not mounted. */
      skippedVolumes: z.array(
        z.object({ source: z.string(), target: z.string(), mode: z.string() }),
      ),
    }),
  ),
  /**
   * What `containers.launch` would create for each user, checked the same
   * way (fields, image on the engine), without creating anything. Each entry
   * names its engine: with `any`, the one a launch of all these users at
   * once goes to, as the Launch view sends it. A user whose launch would be
   * refused says why in their entry's `error`; the others are still shown.
   */
  'containers.preview': call(previewRequest, z.object({ containers: z.array(containerPreview) })),
  /** Stops and removes one or many containers; progress goes out as `operations.progress`. */
  'containers.stop': call(
    z.strictObject({
      targets: z
        .array(containerRef)
        .min(1, 'must name at least one container')
        .max(1000, 'must name at most 1000 containers'),
      operationId: callerId.optional(),
    }),
    z.object({ results: z.array(stopOutcome) }),
  ),
  /**
   * Launches each container again for its user, as it was made (image,
   * mapping id, environment, binds, limits, read back from it), on its own
   * engine, replacing it as a start does; or every exited container of the
   * engines that answer (`unreachable`: those that did not). Progress goes
   * out as `operations.progress`.
   */
  'containers.relaunch': call(
    z
      .strictObject({
        targets: z
          .array(containerRef)
          .min(1, 'must name at least one container')
          .max(1000, 'must name at most 1000 containers')
          .optional(),
        allExited: z.literal(true).optional(),
        operationId: callerId.optional(),
      })
      .refine((r) => (r.targets === undefined) !== (r.allExited === undefined), {
        path: ['targets'],
        message: 'name the containers, or give allExited: true (one of the two)',
      }),
    z.object({
      results: z.array(relaunchOutcome),
      unreachable: z.array(z.object({ engine: z.string(), error: errorPayload })),
    }),
  ),
  'containers.inspect': call(
    containerRef,
    z.object({
      container: containerView,
      labels: z.record(z.string(), z.string()),
      env: z.array(z.string()),
      mounts: z.array(z.object({ source: z.string(), target: z.string(), readOnly: z.boolean() })),
      command: z.array(z.string()),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
      exitCode: z.number().int().nullable(),
    }),
  ),
  /**
   * The last `tail` lines, demultiplexed. With a `followId` (chosen by the
   * caller, so that it can listen first), the lines arrive instead as
   * `containers.log` events carrying it, from the tail on, until
   * `containers.unfollow` or the container's end (`containers.logEnd`).
   */
  'containers.logs': call(
    z.strictObject({
      engine: engineId,
      id: containerId,
      tail: z.number().int().min(0).max(10000, 'must be at most 10000').default(200),
      followId: callerId.optional(),
    }),
    z.object({ lines: z.array(logLine) }),
  ),
  'containers.unfollow': call(
    z.strictObject({ followId: callerId }),
    z.object({ stopped: z.boolean() }),
  ),
  /** Where the container's app is opened. */
  'containers.url': call(containerRef, z.object({ url: z.string().nullable() })),
};

export const events = {
  /** One container was added, changed or removed: patch, never re-fetch. */
  'containers.changed': event(containerChange),
  'containers.log': event(
    z.object({ followId: z.string(), stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  ),
  'containers.logEnd': event(z.object({ followId: z.string(), error: errorPayload.optional() })),
  /** Containers whose `lastActivity` moved on, gathered every few seconds: patch those rows. */
  'containers.activity': event(
    z.object({
      changes: z.array(z.object({ engine: z.string(), id: z.string(), lastActivity: z.string() })),
    }),
  ),
};
