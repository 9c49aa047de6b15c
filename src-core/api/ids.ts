/**
 * The rules for ids and names, each written once: the contract's zod
 * schemas and the core's own checks both read them, so that a value the
 * contract lets through is one the core accepts, and the reason given for a
 * refusal is the same wherever it is refused.
 */
export interface IdRule {
  pattern: RegExp;
  /** What a refusal says after the field's name. */
  reason: string;
}

/** An engine's id, as a profile chooses it or the registry derives it from the address. */
export const ENGINE_ID: IdRule = {
  pattern: /^[a-z0-9][a-z0-9_.-]{0,62}$/,
  reason: 'must be lowercase letters, digits, ".", "_" or "-" (at most 63)',
};

/** A realm: the value of the runinfo realm label, and the prefix of container names. */
export const REALM: IdRule = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/,
  reason: 'letters, digits, ".", "_" or "-" (at most 63)',
};

/** A full or short container id, or a container name. */
export const CONTAINER_ID: IdRule = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/,
  reason: 'must be a container id or name',
};

/** A Swarm node's id, as Swarm makes them (25 lowercase letters and digits). */
export const SWARM_NODE_ID: IdRule = {
  pattern: /^[a-z0-9]{1,64}$/,
  reason: 'must be a Swarm node id (lowercase letters and digits)',
};

/** A grant's id, which is the mapping id of its containers: remoteappmanager's uuid4().hex. */
export const GRANT_ID: IdRule = {
  pattern: /^[0-9a-f]{32}$/,
  reason: 'must be 32 lowercase hex characters',
};

/** A pinned SSH host key fingerprint. */
export const SSH_FINGERPRINT: IdRule = {
  pattern: /^SHA256:[A-Za-z0-9+/]{43}=?$/,
  reason: 'must be SHA256:<base64> as ssh-keygen -l prints it',
};

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/** An IP address, as Docker takes a published port's host address: IPv4, or IPv6 (loosely). */
export const IP_ADDRESS: IdRule = {
  pattern: new RegExp(`^(${OCTET}(\\.${OCTET}){3}|[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7})$`),
  reason: 'must be an IP address (such as 127.0.0.1 or ::1)',
};

/** An environment variable's name. */
export const ENV_NAME: IdRule = {
  pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  reason: 'is not a variable name',
};

/** An image reference: Docker's grammar (registry/path:tag@digest), loosely, no spaces. */
export const IMAGE_REF: IdRule = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/,
  reason: 'is not an image reference',
};

/** Whether `value` is a string that keeps `rule`. */
export function fits(rule: IdRule, value: unknown): value is string {
  return typeof value === 'string' && rule.pattern.test(value);
}
