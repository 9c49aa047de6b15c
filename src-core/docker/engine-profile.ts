import { CoreError } from '../api/errors';
import { ENGINE_ID, IP_ADDRESS, SSH_FINGERPRINT, fits } from '../api/ids';

/** What every profile may carry: the operator's id and name, and the address overrides. */
interface ProfileBase {
  /** Stable id; derived from the address when absent. */
  id?: string;
  /** Operator-facing name; the id when absent. */
  name?: string;
  /** Where this engine's published ports are reached, overriding the default. */
  ip?: string;
  /** The host address ports are published on; `ip` when absent (127.0.0.1 for a local socket). */
  publishIp?: string;
  /**
   * On a Swarm manager, what a launch makes: `services` (the default on a
   * manager; refused on an engine that is not one) or `containers` on the manager alone.
   */
  mode?: 'services' | 'containers';
  /** A Swarm node's address as reached from here, by node hostname or id; Swarm's own when absent. */
  nodeAddresses?: Record<string, string>;
  /** How long a launch waits for Swarm to place and start its task; 60 when absent. */
  placementTimeoutSeconds?: number;
}

/** A local unix socket (or a Windows named pipe, `//./pipe/...`). */
export interface SocketProfile extends ProfileBase {
  kind: 'socket';
  path?: string;
}

/** `DOCKER_HOST`, `DOCKER_TLS_VERIFY`, `DOCKER_CERT_PATH`, `DOCKER_CONTEXT`, read as the docker CLI reads them. */
export interface EnvProfile extends ProfileBase {
  kind: 'env';
  /** The variables to read; process.env when absent. */
  env?: Record<string, string | undefined>;
  /** The docker CLI's configuration directory; ~/.docker when absent. */
  configDir?: string;
  /** Credentials for an `ssh://` DOCKER_HOST or context. */
  ssh?: SshAuth;
}

/** Files of a TLS client: the CA that signed the daemon's certificate, our certificate and key. */
export interface TlsFiles {
  ca: string;
  cert?: string;
  key?: string;
  /** The name the daemon's certificate must carry; the host when absent. */
  serverName?: string;
}

export interface TcpProfile extends ProfileBase {
  kind: 'tcp';
  host: string;
  port: number;
  /** Absent: plain HTTP (only sensible on loopback). */
  tls?: TlsFiles;
}

/**
 * How we authenticate to an SSH server and how we know it is the right one;
 * what is not given here comes from ~/.ssh/config and ssh's defaults.
 */
export interface SshAuth {
  /** A private key file, offered before those of ~/.ssh/config (as `ssh -i`). */
  keyFile?: string;
  /** An ssh-agent socket; IdentityAgent of ~/.ssh/config, else SSH_AUTH_SOCK, when absent. */
  agent?: string;
  /** known_hosts file to check the host key against; UserKnownHostsFile or ~/.ssh/known_hosts when absent. */
  knownHostsFile?: string;
  /** A pinned host key fingerprint, `SHA256:<base64>` as ssh-keygen -l prints it. */
  fingerprint?: string;
}

export interface SshProfile extends ProfileBase, SshAuth {
  kind: 'ssh';
  /** A host, or a Host alias of ~/.ssh/config. */
  host: string;
  port?: number;
  /** Absent: User of ~/.ssh/config, else the core's own user name. */
  user?: string;
  /** The docker CLI on the remote side; `docker` on its PATH when absent. */
  remoteDocker?: string;
}

/** A docker CLI context from `<configDir>/contexts`. */
export interface ContextProfile extends ProfileBase {
  kind: 'context';
  context: string;
  configDir?: string;
  ssh?: SshAuth;
}

export type EngineProfile = SocketProfile | EnvProfile | TcpProfile | SshProfile | ContextProfile;

function need(value: unknown, field: string, what: string): void {
  if (typeof value !== 'string' || value.trim() === '')
    throw CoreError.validation(field, `must be ${what}`);
}

function optional(value: unknown, field: string, what: string): void {
  if (value !== undefined) need(value, field, what);
}

function validPort(value: unknown, field: string): void {
  if (
    value !== undefined &&
    !(Number.isInteger(value) && (value as number) > 0 && (value as number) < 65536)
  )
    throw CoreError.validation(field, 'must be a port number from 1 to 65535');
}

function validSshAuth(auth: SshAuth, prefix: string): void {
  optional(auth.keyFile, `${prefix}keyFile`, 'a file path');
  optional(auth.agent, `${prefix}agent`, 'an ssh-agent socket path');
  optional(auth.knownHostsFile, `${prefix}knownHostsFile`, 'a file path');
  if (auth.fingerprint !== undefined && !fits(SSH_FINGERPRINT, auth.fingerprint))
    throw CoreError.validation(`${prefix}fingerprint`, SSH_FINGERPRINT.reason);
}

function validSwarm(profile: ProfileBase): void {
  if (profile.mode !== undefined && profile.mode !== 'services' && profile.mode !== 'containers')
    throw CoreError.validation('mode', 'must be "services" or "containers"');
  for (const [node, address] of Object.entries(profile.nodeAddresses ?? {}))
    if (!fits(IP_ADDRESS, address))
      throw CoreError.validation(`nodeAddresses.${node}`, IP_ADDRESS.reason);
  const timeout = profile.placementTimeoutSeconds;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= 3600))
    throw CoreError.validation(
      'placementTimeoutSeconds',
      'must be a whole number of seconds from 1 to 3600',
    );
}

/** Checks a profile's fields; throws CoreError.validation naming the first bad one. */
export function validateProfile(profile: EngineProfile): EngineProfile {
  if (typeof profile !== 'object' || profile === null)
    throw CoreError.validation('profile', 'must be an object');
  if (profile.id !== undefined && !fits(ENGINE_ID, profile.id))
    throw CoreError.validation('id', ENGINE_ID.reason);
  optional(profile.name, 'name', 'a non-empty name');
  optional(profile.ip, 'ip', 'a host name or address');
  if (profile.publishIp !== undefined && !fits(IP_ADDRESS, profile.publishIp))
    throw CoreError.validation('publishIp', IP_ADDRESS.reason);
  validSwarm(profile);
  switch (profile.kind) {
    case 'socket':
      optional(profile.path, 'path', 'a socket path');
      break;
    case 'env':
      if (profile.ssh) validSshAuth(profile.ssh, 'ssh.');
      break;
    case 'tcp':
      need(profile.host, 'host', 'a host name or address');
      validPort(profile.port, 'port');
      if (profile.port === undefined) throw CoreError.validation('port', 'is required');
      if (profile.tls) {
        need(profile.tls.ca, 'tls.ca', 'the CA certificate file');
        optional(profile.tls.cert, 'tls.cert', 'the client certificate file');
        optional(profile.tls.key, 'tls.key', 'the client key file');
        if ((profile.tls.cert === undefined) !== (profile.tls.key === undefined))
          throw CoreError.validation(
            profile.tls.cert ? 'tls.key' : 'tls.cert',
            'client certificate and key go together',
          );
        optional(profile.tls.serverName, 'tls.serverName', 'a host name');
      }
      break;
    case 'ssh':
      need(profile.host, 'host', 'a host name or address');
      optional(profile.user, 'user', 'a user name');
      validPort(profile.port, 'port');
      // It runs in the remote shell: a plain path, nothing the shell would interpret.
      if (profile.remoteDocker !== undefined && !/^[\w./-]+$/.test(profile.remoteDocker))
        throw CoreError.validation('remoteDocker', 'must be a plain command path');
      validSshAuth(profile, '');
      break;
    case 'context':
      need(profile.context, 'context', 'a context name');
      if (profile.ssh) validSshAuth(profile.ssh, 'ssh.');
      break;
    default:
      throw CoreError.validation('kind', 'must be one of socket, env, tcp, ssh, context');
  }
  return profile;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'engine'
  );
}

/** The registry's id for a profile that does not choose one: stable for the same address. */
export function defaultEngineId(profile: EngineProfile): string {
  switch (profile.kind) {
    case 'socket':
      return profile.path === undefined || profile.path === '/var/run/docker.sock'
        ? 'local'
        : slug(`socket-${profile.path}`);
    case 'env':
      return 'env';
    case 'tcp':
      return slug(`tcp-${profile.host}-${profile.port}`);
    case 'ssh':
      return slug(
        `ssh-${profile.user ? `${profile.user}-` : ''}${profile.host}-${profile.port ?? 22}`,
      );
    case 'context':
      return slug(`context-${profile.context}`);
  }
}
