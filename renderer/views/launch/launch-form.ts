import { launchRequest } from '../../../src-core/api/containers';
import type { ErrorPayload } from '../../../src-core/api/errors';
import { fieldPath } from '../../../src-core/api/validation';
import type { LaunchSettings } from '../../store/actions';

export interface VolumeInput {
  source: string;
  target: string;
  mode: 'ro' | 'rw';
}

export interface LaunchForm {
  users: string;
  image: string;
  engine: string;
  volumes: VolumeInput[];
  licence: string;
  /** `WIDTHxHEIGHT`, for images that take X11_* variables; empty for the image's default. */
  resolution: string;
  /** The CPU limit as typed (`0.5`); empty for none. */
  cpus: string;
  /** The memory limit as typed, in `memoryUnit`; empty for none. */
  memory: string;
  memoryUnit: MemoryUnit;
  /** Swarm placement constraints, one per line or comma separated. */
  constraints: string;
}

export const MEMORY_UNITS = { MiB: 1024 ** 2, GiB: 1024 ** 3 } as const;
export type MemoryUnit = keyof typeof MEMORY_UNITS;

export const EMPTY_FORM: LaunchForm = {
  users: '',
  image: '',
  engine: 'any',
  volumes: [],
  licence: '',
  resolution: '',
  cpus: '',
  memory: '',
  memoryUnit: 'MiB',
  constraints: '',
};

/** Field path (as the core names it: `user`, `volumes[0].source`...) to the reason. */
export type FieldErrors = Record<string, string>;

/** "alice, bob\ncarol" -> ["alice", "bob", "carol"], without repeats. */
export function parseUsers(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

/** "node.role==worker, node.labels.zone==a" (or one per line) -> each constraint. */
export function parseConstraints(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * The limits as the contract takes them; what is not a number goes as NaN,
 * which the schema refuses at its field ("must be a number").
 */
function placementSettings(form: LaunchForm): Pick<LaunchSettings, 'cpus' | 'memory'> {
  const cpus = form.cpus.trim();
  const memory = form.memory.trim();
  return {
    ...(cpus ? { cpus: Number(cpus) } : {}),
    ...(memory ? { memory: Math.round(Number(memory) * MEMORY_UNITS[form.memoryUnit]) } : {}),
  };
}

export function launchSettings(form: LaunchForm): LaunchSettings {
  const environment: Record<string, string> = {};
  if (form.licence.trim()) environment.APP_LICENSE = form.licence.trim();
  const [width, height] = form.resolution.split('x');
  if (width && height)
    Object.assign(environment, { X11_WIDTH: width, X11_HEIGHT: height, X11_DEPTH: '24' });
  const constraints = parseConstraints(form.constraints);
  return {
    engine: form.engine,
    image: form.image,
    ...(form.volumes.length ? { volumes: form.volumes } : {}),
    ...(Object.keys(environment).length ? { environment } : {}),
    ...placementSettings(form),
    ...(constraints.length ? { constraints } : {}),
  };
}

/**
 * Checks the form with the contract's own schema, per user, before anything
 * is sent, so that what the schema refuses shows at its field at once; the
 * core's deeper checks (a relative path...) come back as VALIDATION naming
 * the field, and are shown there too (`fieldOf`).
 */
export function checkForm(form: LaunchForm): FieldErrors {
  const users = parseUsers(form.users);
  const errors: FieldErrors = {};
  if (users.length === 0) errors.user = 'must name at least one user';
  const settings = launchSettings(form);
  for (const user of users.length ? users : ['-']) {
    const parsed = launchRequest.safeParse({ ...settings, user });
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) {
      const field = fieldPath(issue.path);
      errors[field] ??= field === 'user' ? `"${user}": ${issue.message}` : issue.message;
    }
  }
  if (!form.image) errors.image = 'choose an application';
  return errors;
}

/** A host error that names a field goes to that field; others stay general. */
export function fieldOf(error: ErrorPayload): string | null {
  return error.code === 'VALIDATION' && typeof error.details.field === 'string'
    ? error.details.field
    : null;
}

/** The constraints' error: about the list, else about the first constraint at fault (counted from 1). */
export function constraintsError(errors: FieldErrors): string | undefined {
  for (const [field, reason] of Object.entries(errors)) {
    if (field === 'constraints') return reason;
    const at = /^constraints\[(\d+)\]$/.exec(field);
    if (at) return `constraint ${Number(at[1]) + 1}: ${reason}`;
  }
  return undefined;
}
