import { z } from 'zod';
import { call, event } from './define';
import { nodeCalls } from './engine-nodes';
import { engineProfile } from './engine-profile';
import { engineSsh, sshCalls } from './engine-ssh';
import { engineId, errorPayload } from './fields';

export const engineState = z.enum(['connecting', 'connected', 'reconnecting', 'unreachable']);

export const engineStatus = z.object({
  id: z.string(),
  name: z.string(),
  /** Display form of the address; never a secret. */
  endpoint: z.string(),
  state: engineState,
  dockerId: z.string().nullable(),
  apiVersion: z.string().nullable(),
  latencyMs: z.number().nullable(),
  lastError: z.string().nullable(),
  /** ms epoch of the last state change. */
  since: z.number(),
  /** Where this engine's published ports are reached. */
  ip: z.string(),
  /** The host address its containers' ports are published on (nowhere else). */
  publishIp: z.string(),
  /** An SSH engine's resolved route and what it waits for (a passphrase, a host key). */
  ssh: engineSsh.optional(),
  /** A Swarm manager: its cluster's size, and whether launches make services or containers. */
  swarm: z
    .object({
      mode: z.enum(['services', 'containers']),
      nodes: z.number().int(),
      managers: z.number().int(),
    })
    .optional(),
});

export type EngineStatusView = z.infer<typeof engineStatus>;

/** What a profile reached: the daemon's version, how long a ping took, its Swarm role. */
export const engineProbe = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  ip: z.string(),
  dockerId: z.string().nullable(),
  dockerVersion: z.string().nullable(),
  apiVersion: z.string().nullable(),
  os: z.string().nullable(),
  latencyMs: z.number(),
  /** A manager (with its node count), a worker, or not in a Swarm: what launches would make. */
  swarm: z.object({
    role: z.enum(['manager', 'worker', 'none']),
    nodes: z.number().int().nullable(),
  }),
});

export type EngineProbeView = z.infer<typeof engineProbe>;

/**
 * A saved engine that could not be added at start (its id taken by a
 * start-up engine, a key or certificate file gone, a context no longer
 * there): not watched, kept in the file until removed or loaded.
 */
export const notLoadedEngine = z.object({
  id: z.string(),
  name: z.string(),
  /** As kept in the saved engines file. */
  profile: engineProfile,
  /** Why: VALIDATION naming the profile's field (`tls.cert`, with the path), CONFLICT on `id`... */
  error: errorPayload,
  /** ms epoch of the last attempt. */
  since: z.number(),
});

export type NotLoadedEngineView = z.infer<typeof notLoadedEngine>;

export const calls = {
  /** The engines, the saved ones not loaded, and the realm the core works on, on every engine. */
  'engines.list': call(
    z.strictObject({}),
    z.object({
      engines: z.array(engineStatus),
      notLoaded: z.array(notLoadedEngine),
      realm: z.string(),
    }),
  ),
  /**
   * Connects with a profile without adding it: the daemon's version, latency
   * and Swarm role, or ENGINE_UNREACHABLE with the cause, within a bounded time.
   */
  'engines.test': call(z.strictObject({ profile: engineProfile }), engineProbe),
  /** Adds an engine to the registry and keeps its profile for the next start. */
  'engines.add': call(
    z.strictObject({ profile: engineProfile }),
    z.object({ engine: engineStatus }),
  ),
  /**
   * Stops watching an engine. `saved`: it was one added here, and will not
   * come back at the next start; an engine of the start-up configuration does.
   * With `notLoaded`, the saved engine of that id that is not loaded is
   * dropped from the file, and only that: an engine registered under the same
   * id (a start-up one whose id it could not take) stays. Without it, that
   * registered engine goes and the not-loaded profile stays in the file.
   */
  'engines.remove': call(
    z.strictObject({ engine: engineId, notLoaded: z.boolean().default(false) }),
    z.object({ saved: z.boolean() }),
  ),
  /** Tries again to add a saved engine that is not loaded; its reason, renewed, when it still cannot be. */
  'engines.retry': call(z.strictObject({ engine: engineId }), z.object({ engine: engineStatus })),
  ...sshCalls,
  ...nodeCalls,
};

export const events = {
  /** An engine's state changed (connecting, connected, reconnecting, unreachable). */
  'engines.changed': event(engineStatus),
  /** An engine was removed from the registry. */
  'engines.removed': event(z.object({ id: z.string() })),
  /** The saved engines that are not loaded, whole, each time that set changes. */
  'engines.notLoaded': event(z.object({ engines: z.array(notLoadedEngine) })),
};
