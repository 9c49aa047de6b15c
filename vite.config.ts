import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src-core/api/csp';

/** Puts the renderer's CSP first in the built page's head: before anything it could govern. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'remoteapp-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** The renderer, built into dist/renderer for the desktop window and serve mode alike. */
export default defineConfig({
  root: 'renderer',
  // Relative asset paths: they resolve under the window's app://remoteapp/ and serve mode's root.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline module-preload polyfill: the CSP allows scripts from the app's files only.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
