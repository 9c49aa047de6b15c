import { randomBytes } from 'node:crypto';

/**
 * A url id unique across the realm and matching simphony-remote's
 * `[a-z0-9_]*` route pattern. The seed used the image name's last segment,
 * which two users of one image share and whose `:` and `.` break the route.
 */
export function newUrlId(): string {
  return randomBytes(16).toString('hex');
}

/** simphony-remote's `url_path_join`: one slash between pieces, ends kept. */
function urlPathJoin(...pieces: string[]): string {
  if (pieces.length === 0) return '';
  const initial = pieces[0]!.startsWith('/');
  const final = pieces[pieces.length - 1]!.endsWith('/');
  let result = pieces
    .map((piece) => piece.replace(/^\/+|\/+$/g, ''))
    .filter((piece) => piece !== '')
    .join('/');
  if (initial) result = `/${result}`;
  if (final) result += '/';
  return result === '//' ? '/' : result;
}

export function withoutEndSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}

/** JupyterHub's user prefix: `/user/` + `quote(name, safe='@~')`. */
export function defaultBaseUrlpath(user: string): string {
  const quoted = encodeURIComponent(user)
    .replace(/%40/g, '@')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `/user/${quoted}`;
}

export function containerUrlpath(baseUrlpath: string, urlId: string): string {
  return withoutEndSlash(urlPathJoin(baseUrlpath, 'containers', urlId));
}
