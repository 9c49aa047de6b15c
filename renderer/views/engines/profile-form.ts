import type { Request } from '../../../src-core/api/contract';
import { engineProfile } from '../../../src-core/api/engine-profile';
import { validationError } from '../../../src-core/api/validation';
import { swarmFieldsOf, type SwarmForm } from './swarm-form';

export type EngineProfileRequest = Request<'engines.add'>['profile'];
export type ProfileKind = EngineProfileRequest['kind'];

export const KINDS: Array<{ kind: ProfileKind; label: string }> = [
  { kind: 'socket', label: 'Local socket' },
  { kind: 'env', label: 'DOCKER_HOST of the app' },
  { kind: 'tcp', label: 'TCP + TLS' },
  { kind: 'ssh', label: 'SSH' },
  { kind: 'context', label: 'Docker context' },
];

/** Every input of the form as typed; which ones count depends on the kind (Swarm's, on any). */
export interface ProfileForm extends SwarmForm {
  kind: ProfileKind;
  id: string;
  name: string;
  path: string;
  host: string;
  port: string;
  tls: boolean;
  ca: string;
  cert: string;
  key: string;
  serverName: string;
  user: string;
  keyFile: string;
  /** How the SSH host key is checked: a known_hosts file, or a pinned fingerprint. */
  trust: 'knownHosts' | 'fingerprint';
  knownHostsFile: string;
  fingerprint: string;
  context: string;
  /** A remote engine's publish address; empty: the host the engine is reached by. */
  publishIp: string;
}

export const EMPTY_PROFILE: ProfileForm = {
  kind: 'tcp',
  id: '',
  name: '',
  path: '',
  host: '',
  port: '2376',
  tls: true,
  ca: '',
  cert: '',
  key: '',
  serverName: '',
  user: '',
  keyFile: '',
  trust: 'knownHosts',
  knownHostsFile: '',
  fingerprint: '',
  context: '',
  publishIp: '',
  mode: '',
  placementTimeout: '',
  nodeAddresses: '',
};

/** Only what was typed: an empty input is a field left out, so that its default applies. */
function given<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== '' && v !== undefined),
  ) as Partial<T>;
}

function portOf(text: string): number | string {
  const trimmed = text.trim();
  // Anything but digits goes as typed, so that the schema names the field.
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The profile the form describes, as the contract takes it: file paths, never file contents. */
export function profileOf(form: ProfileForm): EngineProfileRequest {
  const base = {
    ...given({ id: form.id.trim(), name: form.name.trim() }),
    ...swarmFieldsOf(form).fields,
  };
  switch (form.kind) {
    case 'socket':
      return { kind: 'socket', ...base, ...given({ path: form.path.trim() }) };
    case 'env':
      return { kind: 'env', ...base };
    case 'tcp':
      return {
        kind: 'tcp',
        ...base,
        ...given({ publishIp: form.publishIp.trim() }),
        host: form.host.trim(),
        port: portOf(form.port) as number,
        ...(form.tls && {
          tls: {
            ca: form.ca.trim(),
            ...given({
              cert: form.cert.trim(),
              key: form.key.trim(),
              serverName: form.serverName.trim(),
            }),
          },
        }),
      };
    case 'ssh':
      return {
        kind: 'ssh',
        ...base,
        ...given({ publishIp: form.publishIp.trim() }),
        host: form.host.trim(),
        ...given({
          user: form.user.trim(),
          port: form.port.trim() && portOf(form.port),
          keyFile: form.keyFile.trim(),
        }),
        ...(form.trust === 'fingerprint'
          ? { fingerprint: form.fingerprint.trim() }
          : given({ knownHostsFile: form.knownHostsFile.trim() })),
      } as EngineProfileRequest;
    case 'context':
      return { kind: 'context', ...base, context: form.context.trim() };
  }
}

/**
 * The Swarm inputs that cannot be read, else the first field at fault
 * (`tls.ca`, `port`, `nodeAddresses.worker-7`...) and why, from the contract's own schema.
 */
export function checkProfile(form: ProfileForm): Record<string, string> {
  const { errors } = swarmFieldsOf(form);
  if (Object.keys(errors).length) return errors;
  const profile = profileOf(form);
  const parsed = engineProfile.safeParse(profile);
  if (parsed.success) return {};
  const { details } = validationError(parsed.error, profile, 'profile');
  return { [String(details.field)]: String(details.reason) };
}
