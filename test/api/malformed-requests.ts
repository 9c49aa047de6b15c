import type { z } from 'zod';
import { calls, type CallName } from '../../src-core/api/contract';

export interface MalformedCase {
  what: string;
  request: unknown;
  /** The field the VALIDATION error must name. */
  field: string;
}

/** What sort of bad input a case is, for the bad-input campaign's count (bad-requests.ts). */
export type BadKind =
  | 'wrong type'
  | 'missing field'
  | 'overlong string'
  | 'unknown field'
  | 'path trick'
  | 'control character'
  | 'prototype key';

export interface BadRequest extends MalformedCase {
  kind: BadKind;
}

export const HUGE = 'x'.repeat(100_000);

const WRAPPERS = new Set(['optional', 'default', 'nullable']);

/** The schema under `.optional()`, `.default()` and `.nullable()`. */
export function unwrap(schema: z.ZodType): z.ZodType {
  const def = schema.def as { type: string; innerType?: z.ZodType };
  return WRAPPERS.has(def.type) && def.innerType ? unwrap(def.innerType) : schema;
}

/** A string longer than the field allows (a field without a limit gets 100,000 characters, and must refuse them). */
export function tooLong(schema: z.ZodType): string {
  const max = (unwrap(schema) as { maxLength?: number | null }).maxLength;
  return typeof max === 'number' && max >= HUGE.length ? 'x'.repeat(max + 1) : HUGE;
}

function isRequired(schema: z.ZodType): boolean {
  const type = (schema.def as { type: string }).type;
  return type !== 'optional' && type !== 'default';
}

/** A value of another JSON type than the field takes. */
export function wrongType(schema: z.ZodType): unknown {
  switch ((unwrap(schema).def as { type: string }).type) {
    case 'string':
    case 'enum':
      return 42;
    case 'number':
      return '7';
    case 'boolean':
      return 'yes';
    default:
      return 'not-an-object';
  }
}

/**
 * Malformed variants of a valid request, made from the call's own schema:
 * not an object, an extra field, each field missing (when required), of the
 * wrong type, and as a huge string.
 */
export function malformedFromSchema(name: CallName, valid: Record<string, unknown>): BadRequest[] {
  const shape = (calls[name].request as unknown as { shape: Record<string, z.ZodType> }).shape;
  const cases: BadRequest[] = [
    { kind: 'wrong type', what: 'not an object', request: 'hello', field: 'request' },
    { kind: 'wrong type', what: 'an array', request: [valid], field: 'request' },
    {
      kind: 'unknown field',
      what: 'an extra field',
      request: { ...valid, dockerCreateOptions: { Privileged: true } },
      field: 'dockerCreateOptions',
    },
  ];
  for (const [key, schema] of Object.entries(shape)) {
    if (isRequired(schema)) {
      const rest = { ...valid };
      delete rest[key];
      cases.push({ kind: 'missing field', what: `${key} missing`, request: rest, field: key });
    }
    cases.push({
      kind: 'wrong type',
      what: `${key} of the wrong type`,
      request: { ...valid, [key]: wrongType(schema) },
      field: key,
    });
    cases.push({
      kind: 'overlong string',
      what: `${key} a huge string`,
      request: { ...valid, [key]: tooLong(schema) },
      field: key,
    });
  }
  return cases;
}
