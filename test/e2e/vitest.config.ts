// The real Electron app, end to end. Needs Electron's binary and a display, so
// it runs only in CI's e2e job (under xvfb, after `npm run build` and
// `electron-builder --linux dir`); the main vitest.config.ts excludes it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
