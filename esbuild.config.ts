/**
 * Bundles the desktop app's main process and preload into dist/, beside the
 * renderer that vite builds there: the folder electron-builder packs.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CALL_NAMES, EVENT_NAMES } from './src-core/api/contract';

const common = {
  bundle: true,
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
} as const;

export async function buildElectron(outdir = 'dist'): Promise<void> {
  await Promise.all([
    // Main: the core bundled in; npm dependencies stay packages (electron-builder ships them).
    build({
      ...common,
      entryPoints: [join(import.meta.dirname, 'electron/main/main.ts')],
      outfile: join(outdir, 'main.cjs'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
    }),
    // Preload: one CommonJS file that requires only `electron`, as a sandboxed preload must.
    build({
      ...common,
      entryPoints: [join(import.meta.dirname, 'electron/preload/preload.ts')],
      outfile: join(outdir, 'preload.cjs'),
      platform: 'browser',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
      // The contract's names only, not its schemas.
      define: {
        CONTRACT_CALLS: JSON.stringify(CALL_NAMES),
        CONTRACT_EVENTS: JSON.stringify(EVENT_NAMES),
      },
    }),
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await buildElectron();
