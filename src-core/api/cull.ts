import { z } from 'zod';
import { cullPolicy, duration } from './cull-policy';
import { call, event } from './define';
import { errorPayload } from './fields';

/** One container a cull stopped (idle) or removed (exited), or would have in a dry run. */
export const culledContainer = z.object({
  engine: z.string(),
  id: z.string(),
  name: z.string(),
  user: z.string(),
  image: z.string(),
  /** `stop`: running and idle past `idleFor`; `remove`: exited longer than `removeExitedAfter`. */
  action: z.enum(['stop', 'remove']),
  /** How long it had been idle (or exited) when the cull looked, in seconds. */
  idleSeconds: z.number().int(),
  /** What the idle time counts from: the last activity through the proxy, its start, or its exit. */
  since: z.object({ kind: z.enum(['activity', 'start', 'exit']), at: z.string() }),
  /** `dry-run`: nothing was done. */
  outcome: z.enum(['done', 'failed', 'dry-run']),
  error: errorPayload.optional(),
});

export const cullReport = z.object({
  /** When the cull looked (ISO 8601). */
  at: z.string(),
  dryRun: z.boolean(),
  /** The limits it applied. */
  idleFor: z.string().nullable(),
  removeExitedAfter: z.string().nullable(),
  containers: z.array(culledContainer),
  /** Containers looked at and left: used (or exited) within the limit. */
  kept: z.number().int(),
  /** Containers the policy spares. */
  exempt: z.number().int(),
  /** Engines that could not be listed (or a container of which not read): not looked at. */
  engineErrors: z.array(z.object({ engine: z.string(), error: errorPayload })),
});

export type CulledContainer = z.infer<typeof culledContainer>;
export type CullReport = z.infer<typeof cullReport>;

const cullStatus = z.object({
  policy: cullPolicy,
  /** The latest cull of this run of the app (timer or asked), dry runs left out. */
  lastRun: cullReport.nullable(),
});

export const calls = {
  'cull.policy': call(z.strictObject({}), cullStatus),
  /** Replaces the policy, kept for the next start; the timer applies it from its next round. */
  'cull.configure': call(z.strictObject({ policy: cullPolicy }), cullStatus),
  /**
   * Applies the policy once, `idleFor` standing in for its idle time if
   * given. Every stop and removal is audited with the idle time it saw; a
   * dry run does nothing and audits nothing. VALIDATION on `idleFor` when
   * neither it nor the policy sets anything to do.
   */
  'cull.run': call(
    z.strictObject({ dryRun: z.boolean().default(false), idleFor: duration.optional() }),
    cullReport,
  ),
};

export const events = {
  /** A cull that did something (stopped or removed, or failed to), timer or asked. */
  'cull.done': event(cullReport),
};
