import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import { CoreError } from '../api/errors';

/** Where one SSH connection goes and how it authenticates, as ssh would resolve it. */
export interface SshRoute {
  /** The name asked for, when ~/.ssh/config turned it into another HostName. */
  alias: string | null;
  host: string;
  port: number;
  user: string;
  /** Key files to offer after the agent, in order. */
  keyFiles: string[];
  /** The ssh-agent socket whose keys are offered first; null for none. */
  agent: string | null;
  knownHostsFile: string;
  /** HashKnownHosts of ~/.ssh/config: a key trusted here is written hashed. */
  hashKnownHosts: boolean;
  /** The ProxyJump host this connection goes through, itself a route. */
  jump: SshRoute | null;
}

/** What the caller fixed, as ssh's command line would (-l, -p, -i, -o): it wins over the config. */
export interface SshDestination {
  host: string;
  user?: string;
  port?: number;
  keyFile?: string;
  agent?: string;
  knownHostsFile?: string;
}

/** ssh's defaults, offered only when neither the caller nor the config names a key. */
const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];
/** Deeper ProxyJump chains than this are taken for a loop in the config. */
const MAX_HOPS = 8;

function sshDir(): string {
  return join(homedir(), '.ssh');
}

function readConfig(file: string): SSHConfig | null {
  if (!existsSync(file)) return null;
  try {
    return SSHConfig.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw CoreError.validation('sshConfig', `cannot read "${file}": ${(error as Error).message}`);
  }
}

/** ~ and the % tokens ssh expands in file names (%d %u %h %r %p %%). */
function expand(path: string, tokens: Record<string, string>): string {
  const tilde = path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
  return tilde.replace(/%([%dhpru])/g, (_, t: string) => (t === '%' ? '%' : (tokens[t] ?? '')));
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** `[user@]host[:port]` or `ssh://[user@]host[:port]`, one hop of ProxyJump. */
function jumpDestination(text: string): SshDestination {
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `ssh://${text}`);
  } catch {
    throw CoreError.validation('ProxyJump', `"${text}" is not [user@]host[:port]`);
  }
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    ...(url.username && { user: decodeURIComponent(url.username) }),
    ...(url.port && { port: Number(url.port) }),
  };
}

/**
 * A destination resolved as OpenSSH does for the docker CLI: the caller's
 * user, port and key first, then the first value of ~/.ssh/config's
 * matching Host sections (HostName, User, Port, IdentityFile,
 * IdentitiesOnly, IdentityAgent, UserKnownHostsFile, ProxyJump), then the
 * defaults. `Match exec` is not run: the core runs no command of a config.
 */
export function sshRoute(
  destination: SshDestination,
  configFile = join(sshDir(), 'config'),
  jumpOverride?: string,
  depth = 0,
): SshRoute {
  if (depth > MAX_HOPS)
    throw CoreError.validation(
      'ProxyJump',
      `more than ${MAX_HOPS} jump hosts: a loop in ${configFile}?`,
    );
  const config = readConfig(configFile);
  const found =
    config?.compute(
      { Host: destination.host, ...(destination.user && { User: destination.user }) },
      { ignoreCase: true, matchExec: false },
    ) ?? {};
  const localUser = userInfo().username;
  const user = destination.user ?? first(found.user) ?? localUser;
  const port = destination.port ?? Number(first(found.port) ?? 22);
  const host = expand(first(found.hostname) ?? destination.host, { h: destination.host });
  const tokens = { d: homedir(), u: localUser, h: host, r: user, p: String(port) };
  const identitiesOnly = first(found.identitiesonly)?.toLowerCase() === 'yes';
  const named = [
    ...(destination.keyFile ? [destination.keyFile] : []),
    ...list(found.identityfile).map((file) => expand(file, tokens)),
  ];
  const keyFiles = named.length
    ? named
    : DEFAULT_KEYS.map((name) => join(sshDir(), name)).filter((file) => existsSync(file));
  const identityAgent = first(found.identityagent);
  const agent =
    destination.agent ??
    (identitiesOnly || identityAgent?.toLowerCase() === 'none'
      ? undefined
      : identityAgent && identityAgent !== 'SSH_AUTH_SOCK'
        ? expand(identityAgent, tokens)
        : process.env.SSH_AUTH_SOCK);
  const knownHosts = first(found.userknownhostsfile)?.split(/\s+/)[0];
  const jumps = (jumpOverride ?? first(found.proxyjump) ?? 'none').split(',');
  const last = jumps.pop()!.trim();
  return {
    alias: host === destination.host ? null : destination.host,
    host,
    port,
    user,
    keyFiles,
    agent: agent || null,
    knownHostsFile:
      destination.knownHostsFile ??
      (knownHosts ? expand(knownHosts, tokens) : join(sshDir(), 'known_hosts')),
    hashKnownHosts: first(found.hashknownhosts)?.toLowerCase() === 'yes',
    // `ProxyJump a,b`: b is reached through a, as `ssh -J a b` would.
    jump:
      last.toLowerCase() === 'none'
        ? null
        : sshRoute(jumpDestination(last), configFile, jumps.join(',') || undefined, depth + 1),
  };
}

/** `user@host:port`, how a route is named in messages and on the engine's card. */
export function routeName(route: Pick<SshRoute, 'user' | 'host' | 'port'>): string {
  return `${route.user}@${route.host}:${route.port}`;
}
