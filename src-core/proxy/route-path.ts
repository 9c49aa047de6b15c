/**
 * Request paths as the proxy sees them: split into decoded segments, with
 * every trick that could make a container's server see a path other than
 * the one matched (dot segments, encoded slashes or backslashes, NUL,
 * absolute-form URLs) refused before any route is looked up.
 */

export type PathCheck =
  { ok: true; segments: string[]; path: string } | { ok: false; reason: string };

// Control characters are exactly what this looks for.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Checks the raw request target (`req.url`): its path part must be plain. */
export function checkRequestPath(rawUrl: string | undefined): PathCheck {
  if (!rawUrl || !rawUrl.startsWith('/'))
    return { ok: false, reason: 'the request target must be a path starting with "/"' };
  const path = rawUrl.split(/[?#]/, 1)[0]!;
  if (path.includes('\\')) return { ok: false, reason: 'the path must not contain "\\"' };
  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, reason: 'the path has a malformed percent-encoding' };
    }
    if (segment.includes('/') || segment.includes('\\'))
      return { ok: false, reason: 'the path must not contain encoded slashes or backslashes' };
    if (CONTROL.test(segment))
      return { ok: false, reason: 'the path must not contain control characters' };
    // `..;x` is a dot segment to some servers (path parameters).
    const bare = segment.split(';', 1)[0];
    if (bare === '.' || bare === '..')
      return { ok: false, reason: 'the path must not contain "." or ".." segments' };
    segments.push(segment);
  }
  return { ok: true, segments, path };
}

/**
 * A route prefix (a container's `urlpath` label, such as
 * `/user/ann%40x.org/containers/3f…`) as decoded segments, without the
 * trailing slash; null when it is not a plain absolute path.
 */
export function prefixSegments(prefix: string): string[] | null {
  if (/[?#]/.test(prefix)) return null;
  const check = checkRequestPath(prefix.replace(/\/+$/, ''));
  if (!check.ok || check.segments.includes('')) return null;
  return check.segments;
}

/** The canonical key of a prefix: its decoded segments joined by "/". */
export function prefixKey(segments: string[]): string {
  return `/${segments.join('/')}`;
}
