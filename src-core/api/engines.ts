import { z } from 'zod';
import { call, event } from './define';
import { engineProfile } from './engine-profile';
import { engineId } from './fields';

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
});

export type EngineStatusView = z.infer<typeof engineStatus>;

/** What a profile reached: the daemon's version and how long a ping took. */
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
});

export type EngineProbeView = z.infer<typeof engineProbe>;

export const calls = {
  'engines.list': call(z.strictObject({}), z.object({ engines: z.array(engineStatus) })),
  /**
   * Connects with a profile without adding it: the daemon's version and
   * latency, or ENGINE_UNREACHABLE with the cause, within a bounded time.
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
   */
  'engines.remove': call(z.strictObject({ engine: engineId }), z.object({ saved: z.boolean() })),
};

export const events = {
  /** An engine's state changed (connecting, connected, reconnecting, unreachable). */
  'engines.changed': event(engineStatus),
  /** An engine was removed from the registry. */
  'engines.removed': event(z.object({ id: z.string() })),
};
