import { z } from 'zod';
import { call } from './define';
import { absolutePath, engineId, id, noNul } from './fields';
import { SSH_FINGERPRINT } from './ids';

/** A host key as ssh shows it: where it was presented and what known_hosts says of it. */
const hostKey = {
  /** The name known_hosts keeps it under: `host`, or `[host]:port` off port 22. */
  host: z.string(),
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`... */
  keyType: z.string(),
  /** The key presented, `SHA256:...` as ssh-keygen -l prints it. */
  fingerprint: z.string(),
  knownHostsFile: z.string(),
};

/** What an SSH engine waits for before it can connect. None of it is a secret. */
export const sshNeed = z.discriminatedUnion('kind', [
  /** An encrypted key is the one left to try: `engines.passphrase` gives it. */
  z.object({ kind: z.literal('passphrase'), keyFile: z.string() }),
  /** A host known_hosts does not list: refused until `engines.trustHostKey` adds it. */
  z.object({ kind: z.literal('unknownHostKey'), ...hostKey }),
  /** A host whose key is not the one known_hosts lists: refused, and not to be trusted from here. */
  z.object({
    kind: z.literal('changedHostKey'),
    ...hostKey,
    knownFingerprints: z.array(z.string()),
  }),
]);

export type SshNeedView = z.infer<typeof sshNeed>;

/**
 * How an SSH engine is reached, resolved as ssh resolves it for the docker
 * CLI (~/.ssh/config, the agent, the default keys), and what it waits for.
 */
export const engineSsh = z.object({
  /** The name the address gave, when ~/.ssh/config turned it into another host. */
  alias: z.string().nullable(),
  host: z.string(),
  port: z.number(),
  user: z.string(),
  /** What is offered, in order: `agent` (the ssh-agent's keys), then key file paths. */
  identities: z.array(z.string()),
  /** The one the server accepted; null until it did. */
  identity: z.string().nullable(),
  /** The ProxyJump hosts, `user@host:port`, outermost first; null for a direct connection. */
  jump: z.array(z.string()).nullable(),
  needs: sshNeed.nullable(),
});

export type EngineSshView = z.infer<typeof engineSsh>;

export const sshCalls = {
  /**
   * The passphrase of the key an engine waits for (`needs.kind` passphrase):
   * kept in the core's memory for this run only, never written, never sent
   * back; the engine connects again at once. VALIDATION on `passphrase`
   * when it does not open the key.
   */
  'engines.passphrase': call(
    z.strictObject({
      engine: engineId,
      keyFile: absolutePath(),
      // A secret may hold any character ssh takes, but NUL.
      passphrase: noNul(z.string().min(1, 'must not be empty').max(1024, 'is too long')),
    }),
    z.object({}),
  ),
  /**
   * Adds the unknown host key an engine was refused (`needs.kind`
   * unknownHostKey, that fingerprint) to its known_hosts, as ssh would, and
   * connects again. A changed key is refused (CONFLICT): the app never
   * replaces a known key.
   */
  'engines.trustHostKey': call(
    z.strictObject({ engine: engineId, fingerprint: id(SSH_FINGERPRINT) }),
    z.object({}),
  ),
};
