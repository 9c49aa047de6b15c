import { z } from 'zod';
import { id, text } from './fields';
import { IMAGE_REF } from './ids';

/**
 * The idle cull's policy: how long a running container may go without a
 * request or a WebSocket frame through the proxy before it is stopped, whom
 * it spares, and when exited containers are removed.
 */

const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
export const MAX_DURATION_SECONDS = 365 * UNIT_SECONDS.d;
const DURATION_REASON = `must be a duration such as 90s, 15m, 2h or 1h30m (1s to ${MAX_DURATION_SECONDS / UNIT_SECONDS.d}d)`;

/** `90s`, `15m`, `2h`, `1d`, or units together, largest first (`1h30m`): seconds; null for anything else. */
export function parseDuration(value: string): number | null {
  const match = DURATION.exec(value);
  if (!match || value === '') return null;
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  const seconds =
    Number(d) * UNIT_SECONDS.d +
    Number(h) * UNIT_SECONDS.h +
    Number(m) * UNIT_SECONDS.m +
    Number(s);
  return seconds >= 1 && seconds <= MAX_DURATION_SECONDS ? seconds : null;
}

/** Seconds written as `parseDuration` reads them: 5400 is `1h30m`, 0 is `0s`. */
export function formatDuration(seconds: number): string {
  let left = Math.max(0, Math.floor(seconds));
  let out = '';
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    if (left >= size) out += `${Math.floor(left / size)}${unit}`;
    left %= size;
  }
  return out || '0s';
}

export const duration = z
  .string()
  .refine((value) => parseDuration(value) !== null, DURATION_REASON);

export const cullPolicy = z.strictObject({
  /** Running containers idle this long are stopped and removed; null: never. */
  idleFor: duration.nullable().default(null),
  /** Users whose containers are never culled. */
  exemptUsers: z.array(text(256)).max(1000, 'must be at most 1000 users').default([]),
  /** Applications (images, as the catalog names them) whose containers are never culled. */
  exemptApplications: z
    .array(id(IMAGE_REF).max(512, 'must be at most 512 characters'))
    .max(1000, 'must be at most 1000 applications')
    .default([]),
  /** Exited (or dead) containers are removed this long after they stopped; null: never. */
  removeExitedAfter: duration.nullable().default(null),
});

export type CullPolicy = z.output<typeof cullPolicy>;

/** `name:latest` for an image named without a tag, as Docker reads it. */
function tagged(image: string): string {
  return /:[^/]*$/.test(image) || image.includes('@') ? image : `${image}:latest`;
}

/** Whether the policy spares a container of this user and image. */
export function isExempt(policy: CullPolicy, container: { user: string; image: string }): boolean {
  if (policy.exemptUsers.includes(container.user)) return true;
  const image = tagged(container.image);
  return policy.exemptApplications.some((app) => tagged(app) === image);
}
