import { CoreError } from '../api/errors';
import { placementSchema } from '../api/placement';
import { validationError } from '../api/validation';
import type { Placement } from '../realm/placement';
import type { VolumeMode } from '../realm/start-request';

/** The common volume a policy mounts: simphony-remote's volume_source/target/mode. */
export interface PolicyVolume {
  source: string;
  target: string;
  mode: VolumeMode;
}

/**
 * How a grant runs: one row of simphony-remote's `application_policy`, and
 * the placement our own `remoteapp_policy_placement` keeps beside it.
 */
export interface PolicyFields extends Placement {
  /** Passed to the container as APP_LICENSE; null for none. */
  appLicense: string | null;
  /** Mount the user's home directory. */
  allowHome: boolean;
  /** Others may view the running app (the seed's web UI uses it; it changes nothing at start). */
  allowView: boolean;
  /** Mount `volume`; remoteappmanager sets it exactly when a volume is given. */
  allowCommon: boolean;
  volume: PolicyVolume | null;
  /** The user may name a file to open at start (the `srdata` configurable). */
  allowStartupData: boolean;
}

export interface Policy extends PolicyFields {
  id: number;
}

const MAX_TEXT = 4096;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function absolutePath(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw CoreError.validation(field, 'must be a non-empty string');
  if (value.length > MAX_TEXT || CONTROL.test(value))
    throw CoreError.validation(
      field,
      `must be at most ${MAX_TEXT} characters, without control characters`,
    );
  if (!value.startsWith('/'))
    throw CoreError.validation(field, `must be an absolute path (got "${value}")`);
  if (value.split('/').some((s) => s === '.' || s === '..'))
    throw CoreError.validation(field, 'must not contain "." or ".." segments');
  if (value.includes(':')) throw CoreError.validation(field, 'must not contain ":"');
  return value;
}

function flag(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw CoreError.validation(field, 'must be true or false');
  return value;
}

/**
 * Checks policy fields before they are written, throwing VALIDATION that
 * names the field (prefixed with `at`). Returns a normalised copy: an empty
 * licence becomes null, as remoteappmanager's grant_access does.
 */
export function validatePolicy(policy: PolicyFields, at = 'policy'): PolicyFields {
  if (typeof policy !== 'object' || policy === null)
    throw CoreError.validation(at, 'must be an object');
  let appLicense: string | null = null;
  if (policy.appLicense !== null && policy.appLicense !== undefined) {
    if (typeof policy.appLicense !== 'string')
      throw CoreError.validation(`${at}.appLicense`, 'must be a string or null');
    if (policy.appLicense.length > MAX_TEXT || policy.appLicense.includes('\u0000'))
      throw CoreError.validation(
        `${at}.appLicense`,
        `must be at most ${MAX_TEXT} characters, without NUL`,
      );
    appLicense = policy.appLicense === '' ? null : policy.appLicense;
  }
  const allowCommon = flag(`${at}.allowCommon`, policy.allowCommon);
  let volume: PolicyVolume | null = null;
  if (policy.volume !== null && policy.volume !== undefined) {
    const v = policy.volume;
    if (v.mode !== 'ro' && v.mode !== 'rw')
      throw CoreError.validation(
        `${at}.volume.mode`,
        `must be "ro" or "rw" (got ${JSON.stringify(v.mode)})`,
      );
    volume = {
      source: absolutePath(`${at}.volume.source`, v.source),
      target: absolutePath(`${at}.volume.target`, v.target),
      mode: v.mode,
    };
  }
  if (allowCommon && !volume)
    throw CoreError.validation(
      `${at}.volume`,
      'is required when allowCommon is true (source, target and mode)',
    );
  if (!allowCommon && volume)
    throw CoreError.validation(`${at}.allowCommon`, 'must be true when a volume is given');
  return {
    appLicense,
    allowHome: flag(`${at}.allowHome`, policy.allowHome),
    allowView: flag(`${at}.allowView`, policy.allowView),
    allowCommon,
    volume,
    allowStartupData: flag(`${at}.allowStartupData`, policy.allowStartupData),
    ...validPlacement(policy, at),
  };
}

/** The placement fields that are set; no constraints is the same as none given. */
function validPlacement(policy: Placement, at: string): Placement {
  const { cpus, memoryBytes, constraints } = policy;
  const given = { cpus, memoryBytes, constraints };
  const parsed = placementSchema.safeParse(given);
  if (!parsed.success) {
    const { field, reason } = validationError(parsed.error, given).details;
    throw CoreError.validation(`${at}.${String(field)}`, String(reason));
  }
  return {
    ...(cpus !== undefined && { cpus }),
    ...(memoryBytes !== undefined && { memoryBytes }),
    ...(constraints?.length && { constraints: [...constraints] }),
  };
}

/**
 * Two policies are the same row when every field matches, as remoteappmanager
 * looks them up, and so does their placement (see Catalog.ensurePolicy). A
 * policy without placement keeps the key it always had: a CSV file's grant
 * ids stay.
 */
export function policyKey(p: PolicyFields): string {
  const placed = p.cpus !== undefined || p.memoryBytes !== undefined || !!p.constraints?.length;
  return JSON.stringify([
    p.appLicense,
    p.allowHome,
    p.allowView,
    p.allowCommon,
    p.volume?.source ?? null,
    p.volume?.target ?? null,
    p.volume?.mode ?? null,
    p.allowStartupData,
    ...(placed ? [p.cpus ?? null, p.memoryBytes ?? null, p.constraints ?? []] : []),
  ]);
}
