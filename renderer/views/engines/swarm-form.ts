import type { EngineProfileRequest } from './profile-form';

/** The "Launch as" choice; empty: services on a Swarm manager, containers anywhere else. */
export type SwarmMode = '' | 'services' | 'containers';

export const SWARM_MODES: Array<{ mode: SwarmMode; label: string }> = [
  { mode: '', label: 'Automatic: services on a Swarm manager' },
  { mode: 'services', label: 'Swarm services' },
  { mode: 'containers', label: 'Containers on this engine only' },
];

/** The Swarm inputs as typed. */
export interface SwarmForm {
  mode: SwarmMode;
  placementTimeout: string;
  /** One `hostname=IP` per line. */
  nodeAddresses: string;
}

type SwarmFields = Pick<EngineProfileRequest, 'mode' | 'nodeAddresses' | 'placementTimeoutSeconds'>;

const TIMEOUT_REASON = 'must be a whole number of seconds from 1 to 3600';

/** Each non-blank line's number (from 1) and text, trimmed. */
function lines(text: string): Array<{ line: number; text: string }> {
  return text
    .split('\n')
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text !== '');
}

/**
 * The Swarm fields of the profile, only those set, and what cannot be read,
 * keyed as the profile's fields. An address itself is left to the contract's
 * schema, whose `nodeAddresses.<node>` error `nodeAddressesError` places.
 */
export function swarmFieldsOf(form: SwarmForm): {
  fields: SwarmFields;
  errors: Record<string, string>;
} {
  const fields: SwarmFields = {};
  const errors: Record<string, string> = {};
  if (form.mode) fields.mode = form.mode;
  const timeout = form.placementTimeout.trim();
  if (timeout) {
    const seconds = Number(timeout);
    if (/^\d+$/.test(timeout) && seconds >= 1 && seconds <= 3600)
      fields.placementTimeoutSeconds = seconds;
    else errors.placementTimeoutSeconds = TIMEOUT_REASON;
  }
  const addresses: Record<string, string> = {};
  const lineOf = new Map<string, number>();
  for (const { line, text } of lines(form.nodeAddresses)) {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(text);
    if (!match) {
      errors.nodeAddresses = `line ${line}: write hostname=IP, such as worker-7=10.0.3.7`;
      break;
    }
    const [, node, address] = match as unknown as [string, string, string];
    if (lineOf.has(node)) {
      errors.nodeAddresses = `line ${line}: ${node} is already on line ${lineOf.get(node)}`;
      break;
    }
    lineOf.set(node, line);
    addresses[node] = address;
  }
  if (lineOf.size && !errors.nodeAddresses) fields.nodeAddresses = addresses;
  return { fields, errors };
}

/** The Node addresses field's error: the form's own, or the contract's for one node, by its line. */
export function nodeAddressesError(
  errors: Record<string, string>,
  text: string,
): string | undefined {
  if (errors.nodeAddresses) return errors.nodeAddresses;
  const key = Object.keys(errors).find((k) => k.startsWith('nodeAddresses.'));
  if (!key) return undefined;
  const node = key.slice('nodeAddresses.'.length);
  const at = lines(text).find((l) => l.text.split('=')[0]!.trim() === node);
  return `${at ? `line ${at.line} ` : ''}(${node}): ${errors[key]}`;
}
