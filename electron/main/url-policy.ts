/** The page the window may show: the app's own, whatever its fragment. */
export function isOwnPage(url: string, pageUrl: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(pageUrl);
    target.hash = own.hash = '';
    return target.href === own.href;
  } catch {
    return false;
  }
}

/**
 * Whether a link may go to the system browser: only http(s), without
 * credentials, to a host the app's containers or its proxy are reached on.
 * Anything else (`file:`, `javascript:`, custom schemes, other sites) is
 * refused, since the OS would hand it to whatever program claims it.
 */
export function canOpenExternally(url: string, allowedHosts: ReadonlySet<string>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.username || parsed.password) return false;
  return allowedHosts.has(parsed.hostname.replace(/^\[|\]$/g, ''));
}
