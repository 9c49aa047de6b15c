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
}

export const EMPTY_FORM: LaunchForm = {
  users: '',
  image: '',
  engine: 'any',
  volumes: [],
  licence: '',
  resolution: '',
};

/** Field path (as the core names it: `user`, `volumes[0].source`...) to the reason. */
export type FieldErrors = Record<string, string>;

/** "alice, bob\ncarol" -> ["alice", "bob", "carol"], without repeats. */
export function parseUsers(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

export function launchSettings(form: LaunchForm): LaunchSettings {
  const environment: Record<string, string> = {};
  if (form.licence.trim()) environment.APP_LICENSE = form.licence.trim();
  const [width, height] = form.resolution.split('x');
  if (width && height)
    Object.assign(environment, { X11_WIDTH: width, X11_HEIGHT: height, X11_DEPTH: '24' });
  return {
    engine: form.engine,
    image: form.image,
    ...(form.volumes.length ? { volumes: form.volumes } : {}),
    ...(Object.keys(environment).length ? { environment } : {}),
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
