import type { z } from 'zod';
import { CoreError } from './errors';

/** `['volumes', 0, 'source']` -> `volumes[0].source`, the form the UI highlights. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function reason(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? 'is required'
        : `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    case 'unrecognized_keys':
      return 'is not a known field';
    case 'invalid_key':
      return issue.issues[0]?.message ?? issue.message;
    default:
      return issue.message;
  }
}

/** The first issue of a failed parse as a VALIDATION error naming the field. */
export function validationError(error: z.ZodError, input: unknown, root = 'request'): CoreError {
  const issue = error.issues[0]!;
  // An unknown key is reported at its own path, so that the operator sees which.
  const at = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const field = at.length === 0 ? root : fieldPath(at);
  const why = reason(issue, input);
  return new CoreError('VALIDATION', `${field}: ${why}`, { field, reason: why });
}

/** Parses `value` with `schema`, throwing VALIDATION naming the first bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, value);
  return parsed.data;
}
