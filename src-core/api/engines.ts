import { z } from 'zod';
import { call, event } from './define';

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

export const calls = {
  'engines.list': call(z.strictObject({}), z.object({ engines: z.array(engineStatus) })),
};

export const events = {
  /** An engine's state changed (connecting, connected, reconnecting, unreachable). */
  'engines.changed': event(engineStatus),
};
