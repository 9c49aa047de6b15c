import { z } from 'zod';
import { ERROR_CODES } from './errors';
import { CONTAINER_ID, ENGINE_ID, type IdRule } from './ids';

/**
 * Field schemas shared by the domains. Every string has a length limit so
 * that no field can carry an unbounded payload into the core.
 */

// Control characters are exactly what these look for.
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
// eslint-disable-next-line no-control-regex
const NO_NUL = /^[^\u0000]*$/;

/**
 * No control character: a newline or an escape in a name, a path or a
 * search only forges log lines, file names and terminal output.
 */
export function oneLine(schema: z.ZodString) {
  return schema.regex(NO_CONTROL, 'must not contain control characters');
}

/** Free text (a CSV file, a licence value) may hold newlines; never NUL, which ends C strings. */
export function noNul(schema: z.ZodString) {
  return schema.regex(NO_NUL, 'must not contain NUL');
}

/** A name, an address or a path: one line, not empty. */
export function text(max: number) {
  return oneLine(
    z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`),
  );
}

/**
 * A file or folder on the core's machine, written as the file it names:
 * absolute (not relative to wherever the core was started) and without "."
 * or ".." segments (what is shown and audited is where it goes).
 */
export function absolutePath(max = 4096) {
  return text(max)
    .regex(/^\//, 'must be an absolute path')
    .regex(/^(?!.*\/\.\.?(\/|$))/, 'must not contain "." or ".." segments');
}

/** A string that keeps one of the id rules. */
export function id(rule: IdRule) {
  return z.string().regex(rule.pattern, rule.reason);
}

/** An engine id as the registry makes them (`local`, `tcp-host-2376`...). */
export const engineId = id(ENGINE_ID);

/**
 * An engine id, or `any`: per launch, the connected engine that holds that
 * user's container of the mapping id, else the least loaded one.
 */
export const engineChoice = engineId;

/** A full or short container id, or a container name. */
export const containerId = id(CONTAINER_ID);

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
