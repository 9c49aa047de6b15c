import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CoreError } from '../api/errors';
import { profileFromAddress, type AddressProfile } from './docker-address';
import { readProfileFile } from './read-profile-file';
import type { ContextProfile, TlsFiles } from './engine-profile';

/** One context of the docker CLI, as an operator would pick it. */
export interface DockerContext {
  name: string;
  description: string;
  /** The docker endpoint's address, such as `ssh://ops@build-1`. */
  host: string;
}

interface ContextMeta {
  Name?: string;
  Metadata?: { Description?: string };
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

/** The CLI stores each context under the sha256 of its name. */
function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

function readMeta(path: string, field: string): ContextMeta {
  const text = readProfileFile(path, field).toString('utf8');
  try {
    return JSON.parse(text) as ContextMeta;
  } catch {
    throw CoreError.validation(field, `"${path}" is not valid JSON`);
  }
}

/** Every context in `<configDir>/contexts/meta`, by name. */
export function listDockerContexts(configDir = join(homedir(), '.docker')): DockerContext[] {
  const metaRoot = join(configDir, 'contexts', 'meta');
  if (!existsSync(metaRoot)) return [];
  return readdirSync(metaRoot)
    .filter((dir) => existsSync(join(metaRoot, dir, 'meta.json')))
    .map((dir) => readMeta(join(metaRoot, dir, 'meta.json'), 'context'))
    .filter((meta) => typeof meta.Name === 'string' && meta.Endpoints?.docker?.Host)
    .map((meta) => ({
      name: meta.Name!,
      description: meta.Metadata?.Description ?? '',
      host: meta.Endpoints!.docker!.Host!,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The endpoint a named context points at: its docker Host, with the TLS
 * material the CLI keeps in `contexts/tls/<sha256>/docker/`.
 */
export function contextProfile(profile: ContextProfile): AddressProfile {
  const configDir = profile.configDir ?? join(homedir(), '.docker');
  if (profile.context === 'default') return { kind: 'socket' };
  const digest = contextDigest(profile.context);
  const metaPath = join(configDir, 'contexts', 'meta', digest, 'meta.json');
  if (!existsSync(metaPath))
    throw CoreError.validation('context', `no Docker context "${profile.context}" in ${configDir}`);
  const docker = readMeta(metaPath, 'context').Endpoints?.docker;
  if (!docker?.Host)
    throw CoreError.validation('context', `context "${profile.context}" has no docker endpoint`);
  if (docker.SkipTLSVerify)
    throw CoreError.validation(
      'context',
      `context "${profile.context}" skips TLS verification, which is not supported`,
    );
  const tlsDir = join(configDir, 'contexts', 'tls', digest, 'docker');
  const file = (name: string) => (existsSync(join(tlsDir, name)) ? join(tlsDir, name) : undefined);
  const [ca, cert, key] = [file('ca.pem'), file('cert.pem'), file('key.pem')];
  const tls: TlsFiles | undefined = ca ? { ca, ...(cert && key && { cert, key }) } : undefined;
  return profileFromAddress(docker.Host, 'context', {
    ...(tls && { tls }),
    ...(profile.ssh && { ssh: profile.ssh }),
  });
}
