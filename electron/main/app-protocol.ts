import { readFile, stat } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { SECURITY_HEADERS, contentType, rendererFile } from '../../src-core/serve/renderer-files';

/**
 * The window's page comes from this scheme, not from file:// (Electron's
 * security guide, item 18): the page gets an origin of its own, and no page
 * needs the extra file:// privileges (their fuse is off, electron-builder.yml).
 */
export const APP_SCHEME: CustomScheme = {
  scheme: 'app',
  privileges: {
    // A real origin (app://remoteapp), so relative URLs resolve and the module
    // scripts it loads from itself are same-origin.
    standard: true,
    // A secure context, like https.
    secure: true,
    supportFetchAPI: true,
    // corsEnabled stays off: no other origin may read the app's files.
  },
};

const HOST = 'remoteapp';
const ORIGIN = `${APP_SCHEME.scheme}://${HOST}`;

/** The app's page, the one URL the window loads. */
export const APP_PAGE_URL = `${ORIGIN}/index.html`;

function refuse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/**
 * The handler for protocol.handle: serves the files under `root` (the built
 * renderer) at app://remoteapp/, GET and HEAD only. A request for another
 * host, or whose path could leave `root`, gets 403; a missing file 404.
 */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    // Node gives a custom scheme's URL no origin: scheme and host (with any port)
    // compared here. A Request never carries credentials.
    if (`${url.protocol}//${url.host}` !== ORIGIN) return refuse(403, 'Forbidden');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refuse(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const file = rendererFile(root, url.pathname);
    if (file === null) return refuse(403, 'Forbidden');
    try {
      if (!(await stat(file)).isFile()) return refuse(404, 'Not found');
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentType(file) },
      });
    } catch {
      return refuse(404, 'Not found');
    }
  };
}
