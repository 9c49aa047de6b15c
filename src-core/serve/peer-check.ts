import { timingSafeEqual } from 'node:crypto';

/** Compares a presented token with the run's in constant time. */
function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 127.0.0.0/8 or ::1: only this machine can connect. */
export function isLoopback(address: string): boolean {
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/**
 * The Host headers a page of this server may carry. On loopback only its own
 * address (by ip and as `localhost`), so that a rebound DNS name cannot pose
 * as it; bound elsewhere, whatever name the operator reaches it by.
 */
export function ownHosts(address: string, port: number): Set<string> | null {
  if (!isLoopback(address)) return null;
  const ip = address.includes(':') ? `[${address}]` : address;
  return new Set([`${ip}:${port}`, `localhost:${port}`]);
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/**
 * Whether a WebSocket upgrade may reach the host. A browser always sends
 * Origin: it must be the page's own (the same host it connected to), so a
 * page of another site the operator has open is refused. A client without
 * Origin (a script) still needs the token.
 */
export function checkUpgrade(
  url: URL,
  headers: { origin?: string | undefined; host?: string | undefined },
  token: string,
  hosts: Set<string> | null,
): UpgradeVerdict {
  if (url.pathname !== '/api') return { ok: false, status: 403, reason: 'unknown endpoint' };
  const host = headers.host ?? '';
  if (hosts && !hosts.has(host))
    return { ok: false, status: 403, reason: `host ${host} is not this server` };
  if (headers.origin !== undefined && headers.origin !== `http://${host}`)
    return { ok: false, status: 403, reason: `origin ${headers.origin} is not allowed` };
  if (!tokenMatches(url.searchParams.get('token'), token))
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true };
}
