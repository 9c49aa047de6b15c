import { timingSafeEqual } from 'node:crypto';

/** Compares a presented token with the run's in constant time. */
function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * 127.0.0.0/8 or ::1: only this machine can connect. Also 127.x written as
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`), which is how a dual-stack socket
 * names an IPv4 loopback peer or address.
 */
export function isLoopback(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(address);
}

/**
 * Why serve mode may not listen on `bind`, or null. Off loopback, the Host
 * check needs the name the operator opens (any other name may be a rebound
 * DNS name), and the page, token and calls cross the network in clear.
 */
export function bindRefusal(bind: string, publicHost: string | undefined): string | null {
  if (isLoopback(bind) || publicHost !== undefined) return null;
  return (
    `${bind} is not a loopback address (127.0.0.1, ::1): add --public-host NAME, the host name ` +
    'the operator opens, for the Host check; the token then travels unencrypted unless TLS fronts it'
  );
}

/**
 * `NAME` or `NAME:PORT` as a browser sends it in Host (lowercase, IPv6 in
 * brackets), or null when it is not a bare host: no scheme, user, path,
 * query or fragment.
 */
export function hostName(name: string): string | null {
  if (name === '' || /[/\\?#@\s]/.test(name)) return null;
  try {
    return new URL(`http://${name}`).host || null;
  } catch {
    return null;
  }
}

/** `host` with `port` unless it names one, as a browser writes it. */
function withPort(host: string, port: number): string {
  const url = new URL(`http://${host}`);
  if (url.port === '') url.port = String(port);
  return url.host;
}

function bracketed(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/**
 * The Host headers a page of this server may carry, so that a rebound DNS
 * name cannot pose as it. On loopback its own address (also in IPv4 form
 * when IPv4-mapped) and `localhost`, with its port; and the public host the
 * operator named: as given (behind a TLS front, say), and with this port
 * when given without one (opened directly).
 */
export function ownHosts(address: string, port: number, publicHost?: string): Set<string> {
  const hosts = new Set<string>();
  if (isLoopback(address))
    for (const name of [address, address.replace(/^::ffff:/i, ''), 'localhost']) {
      // As a browser writes it (`[::ffff:7f00:1]`) and as curl or Node do (`[::ffff:127.0.0.1]`).
      hosts.add(withPort(bracketed(name), port));
      hosts.add(`${bracketed(name.toLowerCase())}:${port}`);
    }
  const named = publicHost === undefined ? null : hostName(publicHost);
  if (named !== null) hosts.add(named).add(withPort(named, port));
  return hosts;
}

/** The host the printed URL names: the public host (with this port unless it names one), else the address. */
export function pageHost(address: string, port: number, publicHost?: string): string {
  const named = publicHost === undefined ? null : hostName(publicHost);
  return withPort(named ?? bracketed(address), port);
}

/** Whether a request's Host header names this server. */
export function hostAllowed(host: string | undefined, hosts: Set<string>): boolean {
  return host !== undefined && hosts.has(host.toLowerCase());
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 421; reason: string };

/**
 * Whether a WebSocket upgrade may reach the host. A browser always sends
 * Origin: it must be the page's own (the same host it connected to, over
 * http or, behind a TLS front, https), so a page of another site the
 * operator has open is refused. A client without Origin (a script) still
 * needs the token.
 */
export function checkUpgrade(
  url: URL,
  headers: { origin?: string | undefined; host?: string | undefined },
  token: string,
  hosts: Set<string>,
): UpgradeVerdict {
  if (url.pathname !== '/api') return { ok: false, status: 403, reason: 'unknown endpoint' };
  const host = headers.host ?? '';
  if (!hostAllowed(host, hosts))
    return { ok: false, status: 421, reason: `host ${host} is not this server` };
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${host}` && origin !== `https://${host}`)
    return { ok: false, status: 403, reason: `origin ${origin} is not allowed` };
  if (!tokenMatches(url.searchParams.get('token'), token))
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true };
}
