/**
 * THE contract: every call and every event, aggregated from one module per
 * domain. Adding a domain is two lines here: import it, and list it in
 * `domains`. Types are inferred from the zod schemas.
 */
import type { z } from 'zod';
import * as catalog from './catalog';
import * as containers from './containers';
import * as cull from './cull';
import type { CallSpec, Domain, EventSpec } from './define';
import * as engines from './engines';
import * as images from './images';
import * as operations from './operations';
import * as proxy from './proxy';
import * as realm from './realm';
import * as stats from './stats';

const domains = {
  engines,
  containers,
  images,
  operations,
  catalog,
  proxy,
  cull,
  realm,
  stats,
} satisfies Record<string, Domain>;

type Domains = typeof domains;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  u: infer I,
) => void
  ? I
  : never;
type Merge<K extends keyof Domain> = UnionToIntersection<Domains[keyof Domains][K]>;

export type Calls = { [N in keyof Merge<'calls'>]: Merge<'calls'>[N] };
export type Events = { [N in keyof Merge<'events'>]: Merge<'events'>[N] };

function merge<K extends keyof Domain>(part: K): Record<string, Domain[K][string]> {
  const all: Record<string, Domain[K][string]> = {};
  for (const [domain, spec] of Object.entries(domains as Record<string, Domain>)) {
    for (const [name, entry] of Object.entries(spec[part])) {
      if (!name.startsWith(`${domain}.`))
        throw new Error(`contract: ${part} "${name}" must be named "${domain}.<name>"`);
      all[name] = entry;
    }
  }
  return all;
}

export const calls = merge('calls') as Calls & Record<string, CallSpec>;
export const events = merge('events') as Events & Record<string, EventSpec>;

export type CallName = keyof Calls & string;
export type EventName = keyof Events & string;

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** What a caller sends (defaults may be left out). */
export type Request<N extends CallName> = z.input<Calls[N]['request']>;
/** What a handler receives: validated, defaults filled in. */
export type ValidRequest<N extends CallName> = z.output<Calls[N]['request']>;
export type Response<N extends CallName> = z.output<Calls[N]['response']>;
export type EventPayload<N extends EventName> = z.output<Events[N]['payload']>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}
