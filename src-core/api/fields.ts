import { z } from 'zod';
import { ERROR_CODES } from './errors';

/**
 * Field schemas shared by the domains. Every string has a length limit so
 * that no field can carry an unbounded payload into the core.
 */
export function text(max: number) {
  return z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
}

/** An engine id as the registry makes them (`local`, `tcp-host-2376`...). */
export const engineId = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be an engine id');

/**
 * An engine id, or `any`: per launch, the connected engine that holds that
 * user's container of the mapping id, else the least loaded one.
 */
export const engineChoice = engineId;

/** A full or short container id, or a container name. */
export const containerId = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a container id or name');

/** A container of one engine: containers are keyed by (engine, id) everywhere. */
export const containerRef = z.strictObject({ engine: engineId, id: containerId });

/** Chosen by the caller so that it can match events (progress, log lines) to its request. */
export const callerId = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "_" or "-"');

export const errorPayload = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});
