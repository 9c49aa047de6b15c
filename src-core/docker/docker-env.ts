import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CoreError } from '../api/errors';
import { profileFromAddress } from './docker-address';
import type { ContextProfile, EnvProfile, SocketProfile, TlsFiles } from './engine-profile';

/** The docker CLI's configuration directory: DOCKER_CONFIG, else ~/.docker. */
function dockerConfigDir(env: Record<string, string | undefined> = process.env): string {
  return env.DOCKER_CONFIG || join(homedir(), '.docker');
}

/** `currentContext` of config.json, or null for the default context. */
function currentContext(configDir: string): string | null {
  try {
    const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'));
    const name = config?.currentContext;
    return typeof name === 'string' && name !== '' && name !== 'default' ? name : null;
  } catch {
    return null;
  }
}

function envTls(certPath: string): TlsFiles {
  const file = (name: string) => join(certPath, name);
  if (!existsSync(file('ca.pem')))
    throw CoreError.validation('DOCKER_CERT_PATH', `no ca.pem in "${certPath}"`);
  const client = existsSync(file('cert.pem')) && existsSync(file('key.pem'));
  return { ca: file('ca.pem'), ...(client && { cert: file('cert.pem'), key: file('key.pem') }) };
}

/**
 * What the docker CLI would talk to under these variables: DOCKER_HOST (with
 * DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), else DOCKER_CONTEXT, else the
 * current context of config.json, else the default socket.
 */
export function envProfile(
  profile: EnvProfile,
): ReturnType<typeof profileFromAddress> | ContextProfile | SocketProfile {
  const env = profile.env ?? process.env;
  const configDir = profile.configDir ?? dockerConfigDir(env);
  const host = env.DOCKER_HOST;
  if (host) {
    const verify = Boolean(env.DOCKER_TLS_VERIFY);
    if (!verify && env.DOCKER_TLS)
      throw CoreError.validation(
        'DOCKER_TLS',
        'TLS without verification is not supported: set DOCKER_TLS_VERIFY=1',
      );
    const tls = verify ? envTls(env.DOCKER_CERT_PATH || configDir) : undefined;
    const ssh = profile.ssh ?? (env.SSH_AUTH_SOCK ? { agent: env.SSH_AUTH_SOCK } : undefined);
    return profileFromAddress(host, 'DOCKER_HOST', { ...(tls && { tls }), ...(ssh && { ssh }) });
  }
  const context = env.DOCKER_CONTEXT || currentContext(configDir);
  if (context && context !== 'default')
    return { kind: 'context', context, configDir, ...(profile.ssh && { ssh: profile.ssh }) };
  return { kind: 'socket' };
}
