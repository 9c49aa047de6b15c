import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import Docker from 'dockerode';
import { DEFAULT_SOCKET } from './docker-host';
import type { EngineProfile, SshProfile, TlsFiles } from './engine-profile';
import { envProfile } from './docker-env';
import { contextProfile } from './docker-context';
import { SshDialAgent } from './ssh-dial-agent';
import { SshPassphrases } from './ssh-passphrases';
import { readProfileFile } from './read-profile-file';

/** A profile made concrete: a client, what to show for it, and where its ports are reached. */
export interface Endpoint {
  docker: Docker;
  /** Display form of the address; never carries a secret. */
  endpoint: string;
  ip: string;
  /**
   * The host address its containers' ports are published on: the profile's
   * `publishIp`, else `ip`, so that a port answers where the proxy reaches
   * it and nowhere else (127.0.0.1 for a local socket). A name is resolved
   * by the manager when it publishes.
   */
  publishIp: string;
  /** A local socket: the engine sees this machine's files, as far as the core can tell. */
  local: boolean;
  /** Releases what the client holds open beyond its requests (an SSH connection). */
  close(): void;
  /** An SSH engine: how its address resolved, what it waits for, and trusting its host key. */
  ssh?: Pick<SshDialAgent, 'status' | 'trustHostKey'>;
}

/**
 * docker-modem folds DOCKER_HOST and DOCKER_CERT_PATH from process.env into
 * every client it makes; an explicit profile must not inherit them.
 */
function dockerClient(options: Docker.DockerOptions): Docker {
  return new Docker({
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    timeout: undefined,
    ...options,
  });
}

function tlsOptions(tls: TlsFiles): Docker.DockerOptions {
  const options: Docker.DockerOptions = {
    protocol: 'https',
    ca: readProfileFile(tls.ca, 'tls.ca'),
    ...(tls.cert && { cert: readProfileFile(tls.cert, 'tls.cert') }),
    ...(tls.key && { key: readProfileFile(tls.key, 'tls.key') }),
  };
  // Node verifies the certificate against the host; a configured name replaces the host in that check.
  if (tls.serverName) {
    const name = tls.serverName;
    return {
      ...options,
      checkServerIdentity: (_host: string, cert: PeerCertificate) =>
        checkServerIdentity(name, cert),
    } as Docker.DockerOptions;
  }
  return options;
}

function sshEndpoint(
  profile: SshProfile,
  passphrases: SshPassphrases,
): Omit<Endpoint, 'publishIp'> {
  const agent = new SshDialAgent(profile, passphrases);
  return {
    docker: dockerClient({
      protocol: 'http',
      host: 'docker',
      port: 80,
      agent,
    } as Docker.DockerOptions),
    endpoint: agent.address,
    // An alias of ~/.ssh/config is no name the proxy could resolve: its HostName is.
    ip: profile.ip ?? agent.host,
    local: false,
    close: () => agent.destroy(),
    ssh: agent,
  };
}

/**
 * Makes a client for a validated profile; an SSH one opens encrypted keys
 * with the passphrases given. Throws CoreError.validation for unreadable
 * files or bad addresses.
 */
export function resolveEndpoint(
  profile: EngineProfile,
  passphrases = new SshPassphrases(),
): Endpoint {
  const endpoint = connect(profile, passphrases);
  return { ...endpoint, publishIp: profile.publishIp ?? endpoint.ip };
}

function connect(profile: EngineProfile, passphrases: SshPassphrases): Omit<Endpoint, 'publishIp'> {
  const none = () => undefined;
  switch (profile.kind) {
    case 'socket': {
      const path = profile.path ?? DEFAULT_SOCKET;
      return {
        docker: dockerClient({ socketPath: path }),
        endpoint: path.startsWith('//./pipe/') ? `npipe://${path}` : `unix://${path}`,
        ip: profile.ip ?? '127.0.0.1',
        local: true,
        close: none,
      };
    }
    case 'tcp': {
      // An agent of its own: a pooled socket verified for another profile of the same
      // host and port (other CA, other server name) must never serve this one.
      const agent = profile.tls
        ? new HttpsAgent({ keepAlive: true })
        : new HttpAgent({ keepAlive: true });
      return {
        docker: dockerClient({
          protocol: profile.tls ? 'https' : 'http',
          host: profile.host,
          port: profile.port,
          agent,
          ...(profile.tls && tlsOptions(profile.tls)),
        } as Docker.DockerOptions),
        endpoint: `${profile.tls ? 'tcp+tls' : 'tcp'}://${profile.host}:${profile.port}`,
        ip: profile.ip ?? profile.host,
        local: false,
        close: () => agent.destroy(),
      };
    }
    case 'ssh':
      return sshEndpoint(profile, passphrases);
    case 'env':
      return connect(
        { ...envProfile(profile), ...(profile.ip && { ip: profile.ip }) },
        passphrases,
      );
    case 'context':
      return connect(
        { ...contextProfile(profile), ...(profile.ip && { ip: profile.ip }) },
        passphrases,
      );
  }
}
