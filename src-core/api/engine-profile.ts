import { z } from 'zod';
import { absolutePath, id, text } from './fields';
import { ENGINE_ID, IP_ADDRESS, SSH_FINGERPRINT } from './ids';

/**
 * An engine profile as it crosses the contract: addresses and file paths,
 * never a secret. Key, certificate and known_hosts files are named by path
 * and read by the core; an SSH key's passphrase has no field here.
 */

const path = absolutePath();
const port = z
  .number()
  .int('must be an integer')
  .min(1, 'must be a port number from 1 to 65535')
  .max(65535, 'must be a port number from 1 to 65535');
const hostName = text(253).regex(/^[A-Za-z0-9.:_[\]-]+$/, 'must be a host name or address');

const base = {
  /** Stable id; derived from the address when absent. */
  id: id(ENGINE_ID).optional(),
  name: text(128).optional(),
  /** Where this engine's published ports are reached, overriding the default. */
  ip: hostName.optional(),
  /** The host address its containers' ports are published on; `ip` when absent. */
  publishIp: id(IP_ADDRESS).optional(),
  /** On a Swarm manager: `services` (the default there) or `containers` on the manager alone. */
  mode: z.enum(['services', 'containers']).optional(),
  /** A Swarm node's address as reached from the core, by node hostname or id. */
  nodeAddresses: z
    .record(text(253), id(IP_ADDRESS))
    .refine((m) => Object.keys(m).length <= 256, 'must name at most 256 nodes')
    .optional(),
  /** How long a launch waits for Swarm to place and start its task (default 60). */
  placementTimeoutSeconds: z.number().int().min(1).max(3600).optional(),
};

const sshTrust = {
  keyFile: path.optional(),
  /** An ssh-agent socket; SSH_AUTH_SOCK when neither this nor keyFile is given. */
  agent: path.optional(),
  knownHostsFile: path.optional(),
  fingerprint: id(SSH_FINGERPRINT).optional(),
};

export const engineProfile = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('socket'), ...base, path: path.optional() }),
    /** DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH or DOCKER_CONTEXT of the core's environment. */
    z.strictObject({ kind: z.literal('env'), ...base }),
    z.strictObject({
      kind: z.literal('tcp'),
      ...base,
      host: hostName,
      port,
      tls: z
        .strictObject({
          ca: path,
          cert: path.optional(),
          key: path.optional(),
          serverName: hostName.optional(),
        })
        .optional(),
    }),
    z.strictObject({
      kind: z.literal('ssh'),
      ...base,
      /** A host, or a Host alias of ~/.ssh/config; port and user, when absent, as ssh finds them. */
      host: hostName,
      port: port.optional(),
      user: text(256).optional(),
      ...sshTrust,
      remoteDocker: text(1024).optional(),
    }),
    z.strictObject({
      kind: z.literal('context'),
      ...base,
      context: text(256),
      /** The docker CLI's configuration folder; ~/.docker when absent. */
      configDir: path.optional(),
      /** For a context whose endpoint is `ssh://`. */
      ssh: z.strictObject(sshTrust).optional(),
    }),
  ],
  { error: 'must be one of socket, env, tcp, ssh, context' },
);

export type EngineProfileInput = z.infer<typeof engineProfile>;
