/**
 * Bundles the desktop app's main process and preload into dist/, beside the
 * renderer that vite builds there: the folder electron-builder packs.
 */
import { build } from 'esbuild';
import { CALL_NAMES, EVENT_NAMES } from './src-core/api/contract';

const common = {
  bundle: true,
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
} as const;

await Promise.all([
  // Main: the core bundled in; npm dependencies stay packages (electron-builder ships them).
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/main.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
  }),
  // Preload: one CommonJS file that requires only `electron`, as a sandboxed preload must.
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/preload.cjs',
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    define: {
      CONTRACT_CALLS: JSON.stringify(CALL_NAMES),
      CONTRACT_EVENTS: JSON.stringify(EVENT_NAMES),
    },
  }),
]);
