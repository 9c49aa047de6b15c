// Reads electron-builder.yml the way electron-builder itself does (its loader
// and its JSON-schema validation), so the tests see what a build would see.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';

export const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// validateConfiguration only asks its logger whether debug output is on.
const quietLogger = { isEnabled: false } as Parameters<typeof validateConfiguration>[1];

/** Checks any object against electron-builder's schema, as a YAML file is read untyped. */
export async function validateBuilderConfig(config: object): Promise<void> {
  await validateConfiguration(config as Configuration, quietLogger);
}

export async function loadBuilderConfig(): Promise<Configuration> {
  const config = await getConfig(projectDir, null, null);
  await validateBuilderConfig(config);
  return config;
}
