import type { Core } from '../../src-core/host/start-core';

/**
 * Hosts whose http(s) links may go to the system browser: where each
 * engine's published ports are reached, and where the proxy answers. The
 * proxy's host comes from its live origin, the base of every container URL
 * it gives: the embedded proxy's address or CHP's public URL, and the new
 * one as soon as the operator reconfigures it.
 */
export function linkHosts(core: Pick<Core, 'engines' | 'proxy'> | undefined): ReadonlySet<string> {
  const hosts = new Set(core?.engines.statuses().map((s) => s.ip) ?? []);
  if (core?.proxy) hosts.add(new URL(core.proxy.origin).hostname.replace(/^\[|\]$/g, ''));
  return hosts;
}
