import { basename, dirname } from 'node:path';
import type { z } from 'zod';
import { calls, type CallName } from '../../src-core/api/contract';
import { fieldPath } from '../../src-core/api/validation';
import {
  HUGE,
  malformedFromSchema,
  tooLong,
  unwrap,
  wrongType,
  type BadKind,
  type BadRequest,
} from './malformed-requests';

/**
 * The bad-input campaign's requests (test/serve/serve-bad-input.test.ts),
 * made from each call's request schema walked from a valid request: what
 * malformedFromSchema breaks at the top, and at every depth control
 * characters, path tricks, overlong strings, wrong types, unknown and
 * prototype keys. A call or a field added to the contract is attacked
 * without a line here; a new field whose values may be anything must be
 * listed below, with why, or the campaign fails on it.
 */

type Path = Array<string | number>;

/**
 * Fields whose values are the operator's words rather than names the core
 * finds anything by, where "../x" and "/etc/passwd" are values like others:
 * user names are JupyterHub's (any text: URL-encoded in every path, refused
 * as a home directory), the rest are labels, searches, the file name an
 * import is audited under, an SSH login and its remote command, a file
 * the image opens inside its own container, and an operation's title and
 * failure, which the history only keeps.
 */
const WORDS = new Set([
  'user',
  'users[0]',
  'policy.exemptUsers[0]',
  'name',
  'profile.name',
  'profile.user',
  'profile.remoteDocker',
  'search',
  'configurables.srdata',
  'title',
  'error.message',
]);

/**
 * Free text, where newlines belong (a licence, a CSV file, a variable's
 * value) or any character may (a key's passphrase): only NUL is refused.
 */
function isFreeText(field: string): boolean {
  return (
    ['policy.appLicense', 'text', 'passphrase'].includes(field) || field.startsWith('environment.')
  );
}

const CONTROLS: Array<[string, (base: string) => string]> = [
  ['NUL', (base) => `${base}\u0000.png`],
  ['CR LF', (base) => `${base}\r\nX-Injected: 1`],
  ['an escape sequence', (base) => `\u001b[2J${base}`],
  ['DEL', (base) => `${base}\u007f`],
];

interface Site {
  path: Path;
  schema: z.ZodType;
  value: unknown;
}

/**
 * The plain fields under `schema` (strings, numbers, booleans, enums: present
 * in `value`, or absent and optional), and the objects and records `value` has.
 */
function walk(
  schema: z.ZodType,
  value: unknown,
  path: Path,
  out: { leaves: Site[]; objects: Site[]; records: Site[] },
) {
  const inner = unwrap(schema);
  const def = inner.def as {
    type: string;
    shape?: Record<string, z.ZodType>;
    options?: z.ZodType[];
    element?: z.ZodType;
    valueType?: z.ZodType;
  };
  if (def.type === 'union') {
    const option = def.options!.find((o) => o.safeParse(value).success);
    if (!option) throw new Error(`the valid request's ${fieldPath(path)} fits none of its kinds`);
    walk(option, value, path, out);
  } else if (def.type === 'object') {
    if (typeof value !== 'object' || value === null) return;
    out.objects.push({ path, schema: inner, value });
    for (const [key, field] of Object.entries(def.shape!)) {
      const at = (value as Record<string, unknown>)[key];
      // An absent field is attacked too when it is a plain value; absent objects are skipped.
      if (
        at !== undefined ||
        !['object', 'union', 'array', 'record'].includes(unwrap(field).def.type)
      )
        walk(field, at, [...path, key], out);
    }
  } else if (def.type === 'array') {
    if (Array.isArray(value) && value.length > 0) walk(def.element!, value[0], [...path, 0], out);
  } else if (def.type === 'record') {
    out.records.push({ path, schema: inner, value });
    for (const [key, at] of Object.entries(value as Record<string, unknown>))
      walk(def.valueType!, at, [...path, key], out);
  } else out.leaves.push({ path, schema: inner, value });
}

/** A copy of `base` with `value` at `path`; a key such as `__proto__` becomes a plain field. */
function setAt(base: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const copy = (Array.isArray(base) ? [...base] : { ...(base as object) }) as Record<
    string | number,
    unknown
  >;
  Object.defineProperty(copy, key!, {
    value: setAt(copy[key!], rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/**
 * "../../etc/passwd" is wrong for a name and for a path alike. A name (its
 * valid value is not a path) also gets an absolute path; a path gets a
 * detour through `sub/..` to where it points, which the campaign makes
 * possible by creating `sub`.
 */
function pathTricks(site: Site): string[] {
  const value = site.value;
  if (typeof value !== 'string') return ['../../etc/passwd'];
  if (!value.startsWith('/')) return ['../../etc/passwd', '/etc/passwd'];
  return ['../../etc/passwd', `${dirname(value)}/sub/../${basename(value)}`.replace(/^\/\//, '/')];
}

function leafCases(site: Site, request: unknown): BadRequest[] {
  const field = fieldPath(site.path);
  const at = (kind: BadKind, what: string, value: unknown): BadRequest => ({
    kind,
    what: `${field} ${what}`,
    request: setAt(request, site.path, value),
    field,
  });
  const isString = site.schema.def.type === 'string';
  const base = typeof site.value === 'string' ? site.value : 'x';
  const controls = !isString ? [] : isFreeText(field) ? CONTROLS.slice(0, 1) : CONTROLS;
  const tricks = isString && !WORDS.has(field) && !isFreeText(field) ? pathTricks(site) : [];
  return [
    ...controls.map(([name, make]) => at('control character', `with ${name}`, make(base))),
    ...tricks.map((trick) => at('path trick', `"${trick}"`, trick)),
    // malformedFromSchema breaks the top-level fields' types and lengths already.
    ...(site.path.length < 2
      ? []
      : [
          at('wrong type', 'of the wrong type', wrongType(site.schema)),
          ...(isString ? [at('overlong string', 'a huge string', tooLong(site.schema))] : []),
        ]),
  ];
}

function keyCases(object: Site, request: unknown, isRecord: boolean): BadRequest[] {
  const keys: Array<[BadKind, string]> = isRecord
    ? [
        ['control character', 'A\u0000B'],
        ['path trick', '../PATH'],
      ]
    : [
        ['prototype key', '__proto__'],
        ['prototype key', 'constructor'],
        ['path trick', '../../etc/passwd'],
        ['control character', 'a\u0000b'],
        ...(object.path.length > 0 ? [['unknown field', 'extra'] as [BadKind, string]] : []),
      ];
  return keys.map(([kind, key]) => {
    const field = fieldPath([...object.path, key]);
    return {
      kind,
      what: `a field ${JSON.stringify(field)}`,
      request: setAt(request, [...object.path, key], isRecord ? 'x' : { polluted: true }),
      field,
    };
  });
}

/** The request itself a string: a huge one, a path, a NUL. */
const WHOLE: BadRequest[] = [
  { kind: 'overlong string', what: 'a huge string', request: HUGE, field: 'request' },
  { kind: 'path trick', what: 'a path', request: '../../etc/passwd', field: 'request' },
  { kind: 'control character', what: 'a NUL', request: '\u0000', field: 'request' },
];

/** Every bad request of the campaign for one call, from its valid request; none twice. */
export function badRequests(name: CallName, valid: Record<string, unknown>): BadRequest[] {
  const found = { leaves: [] as Site[], objects: [] as Site[], records: [] as Site[] };
  walk(calls[name].request as z.ZodType, valid, [], found);
  const cases = [
    ...malformedFromSchema(name, valid),
    ...WHOLE,
    ...found.objects.flatMap((object) => keyCases(object, valid, false)),
    ...found.records.flatMap((record) => keyCases(record, valid, true)),
    ...found.leaves.flatMap((leaf) => leafCases(leaf, valid)),
  ];
  const seen = new Set<string>();
  return cases.filter((c) => {
    const key = JSON.stringify([c.request, c.field]);
    return !seen.has(key) && !!seen.add(key);
  });
}
