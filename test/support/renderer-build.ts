import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const ROOT = join(import.meta.dirname, '..', '..');
const CONFIGS = ['vite.config.ts', 'renderer/vite.config.ts'].map((f) => join(ROOT, f));

/**
 * The renderer built with the project's own vite config (as `npm run build`
 * makes it, CSP and all), into a folder of this test file's own.
 */
export async function buildRenderer(): Promise<string> {
  const configFile = CONFIGS.find((f) => existsSync(f));
  if (!configFile)
    throw new Error(`no vite config for the renderer (looked for ${CONFIGS.join(', ')})`);
  const outDir = mkdtempSync(join(tmpdir(), 'remoteapp-renderer-'));
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}
