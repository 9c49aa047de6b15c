import { posix } from 'node:path';
import { CoreError } from '../api/errors';
import { ENV_NAME, IMAGE_REF, fits } from '../api/ids';
import { MAX_CONSTRAINTS, PLACEMENT_CONSTRAINT } from '../api/placement';
import { defaultBaseUrlpath } from './url-path';

export type VolumeMode = 'ro' | 'rw';

export interface VolumeSpec {
  source: string;
  target: string;
  mode: VolumeMode;
}

/**
 * Limits a container had, in Docker's HostConfig names. A launch sets none;
 * a relaunch keeps those of the container it replaces, whoever set them.
 */
export interface ContainerResources {
  Memory?: number;
  MemoryReservation?: number;
  MemorySwap?: number;
  NanoCpus?: number;
  CpuShares?: number;
  CpuPeriod?: number;
  CpuQuota?: number;
  PidsLimit?: number;
  CpusetCpus?: string;
}

/** The numeric limits; 0 (and for some -1) is Docker's "not set". */
export const NUMERIC_RESOURCES = [
  'Memory',
  'MemoryReservation',
  'MemorySwap',
  'NanoCpus',
  'CpuShares',
  'CpuPeriod',
  'CpuQuota',
  'PidsLimit',
] as const;

export interface StartRequest {
  user: string;
  image: string;
  /** Identifies the user's grant; one container per (user, mapping id). */
  mappingId: string;
  /** The user's URL prefix; JupyterHub's `/user/<name>` when omitted. */
  baseUrlpath?: string;
  volumes?: VolumeSpec[];
  environment?: Record<string, string>;
  resources?: ContainerResources;
  /** Swarm placement constraints (`node.labels.zone==a`); a single host has no nodes to choose. */
  constraints?: string[];
}

const MAX_USER = 256;
const MAX_MAPPING_ID = 128;
const MAX_IMAGE = 512;
const MAX_PATH = 4096;
const MAX_ENV_VALUE = 32768;
// Control characters are exactly what this looks for.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function text(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw CoreError.validation(field, 'must be a string');
  if (value.length === 0) throw CoreError.validation(field, 'must not be empty');
  if (value.length > max)
    throw CoreError.validation(field, `must be at most ${max} characters (got ${value.length})`);
  if (CONTROL.test(value)) throw CoreError.validation(field, 'must not contain control characters');
  return value;
}

function absolutePath(field: string, value: unknown): string {
  const path = text(field, value, MAX_PATH);
  if (!path.startsWith('/'))
    throw CoreError.validation(field, `must be an absolute path (got "${path}")`);
  if (path.split('/').some((segment) => segment === '..' || segment === '.'))
    throw CoreError.validation(field, 'must not contain "." or ".." segments');
  if (path.includes(':')) throw CoreError.validation(field, 'must not contain ":"');
  return posix.normalize(path);
}

/**
 * Checks a start request field by field, before anything reaches Docker.
 * Returns a normalised copy; throws VALIDATION naming the first bad field.
 */
export function validateStartRequest(request: StartRequest): Required<StartRequest> {
  const user = text('user', request.user, MAX_USER);
  const mappingId = text('mappingId', request.mappingId, MAX_MAPPING_ID);
  if (/[/\\\s]/.test(mappingId))
    throw CoreError.validation('mappingId', 'must not contain "/", "\\" or whitespace');
  const image = text('image', request.image, MAX_IMAGE);
  if (!fits(IMAGE_REF, image))
    throw CoreError.validation('image', `"${image}" ${IMAGE_REF.reason}`);

  let baseUrlpath = defaultBaseUrlpath(user);
  if (request.baseUrlpath !== undefined) {
    baseUrlpath = text('baseUrlpath', request.baseUrlpath, MAX_PATH);
    if (!baseUrlpath.startsWith('/'))
      throw CoreError.validation('baseUrlpath', 'must start with "/"');
    if (/[?#\s]|\/\.\.?(\/|$)/.test(baseUrlpath))
      throw CoreError.validation(
        'baseUrlpath',
        'must be a plain path without "..", "?", "#" or spaces',
      );
  }

  const volumes = (request.volumes ?? []).map((volume, i) => {
    const at = `volumes[${i}]`;
    if (typeof volume !== 'object' || volume === null)
      throw CoreError.validation(at, 'must be an object');
    const mode = volume.mode;
    if (mode !== 'ro' && mode !== 'rw')
      throw CoreError.validation(
        `${at}.mode`,
        `must be "ro" or "rw" (got ${JSON.stringify(mode)})`,
      );
    return {
      source: absolutePath(`${at}.source`, volume.source),
      target: absolutePath(`${at}.target`, volume.target),
      mode,
    };
  });
  const targets = new Set<string>();
  volumes.forEach((volume, i) => {
    if (targets.has(volume.target))
      throw CoreError.validation(`volumes[${i}].target`, `"${volume.target}" is mounted twice`);
    targets.add(volume.target);
  });

  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.environment ?? {})) {
    const at = `environment.${key}`;
    if (!fits(ENV_NAME, key)) throw CoreError.validation(at, ENV_NAME.reason);
    if (typeof value !== 'string') throw CoreError.validation(at, 'must be a string');
    if (value.length > MAX_ENV_VALUE)
      throw CoreError.validation(at, `must be at most ${MAX_ENV_VALUE} characters`);
    if (value.includes('\u0000')) throw CoreError.validation(at, 'must not contain NUL');
    environment[key] = value;
  }

  return {
    user,
    image,
    mappingId,
    baseUrlpath,
    volumes,
    environment,
    resources: validResources(request.resources ?? {}),
    constraints: validConstraints(request.constraints ?? []),
  };
}

function validConstraints(constraints: unknown): string[] {
  if (!Array.isArray(constraints)) throw CoreError.validation('constraints', 'must be a list');
  if (constraints.length > MAX_CONSTRAINTS)
    throw CoreError.validation('constraints', `must have at most ${MAX_CONSTRAINTS} entries`);
  return constraints.map((constraint: unknown, i) => {
    const value = text(`constraints[${i}]`, constraint, 256);
    if (!fits(PLACEMENT_CONSTRAINT, value))
      throw CoreError.validation(`constraints[${i}]`, `"${value}" ${PLACEMENT_CONSTRAINT.reason}`);
    return value;
  });
}

function validResources(resources: ContainerResources): ContainerResources {
  if (typeof resources !== 'object' || resources === null)
    throw CoreError.validation('resources', 'must be an object');
  const valid: ContainerResources = {};
  for (const [key, value] of Object.entries(resources)) {
    const at = `resources.${key}`;
    if (key === 'CpusetCpus') {
      if (typeof value !== 'string' || !/^[0-9][0-9,-]{0,255}$/.test(value))
        throw CoreError.validation(at, 'must be a CPU list such as "0-3,6"');
      valid.CpusetCpus = value;
    } else if ((NUMERIC_RESOURCES as readonly string[]).includes(key)) {
      if (!Number.isSafeInteger(value) || (value as number) < -1)
        throw CoreError.validation(at, 'must be a whole number, -1 or more');
      valid[key as (typeof NUMERIC_RESOURCES)[number]] = value as number;
    } else throw CoreError.validation(at, 'is not a resource a container keeps');
  }
  return valid;
}
