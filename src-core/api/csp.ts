/**
 * The renderer's Content-Security-Policy, one string for every place that
 * serves the page: the built index.html's meta tag, serve mode's header and
 * the desktop window. Scripts and styles only from the app itself; no
 * inline script, no eval, no plugin, no frame; connections only back to the
 * page's own origin (serve mode's WebSocket).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
