import { join } from 'node:path';
import { z } from 'zod';
import { engineProfile, type EngineProfileInput } from '../api/engine-profile';
import { CoreError } from '../api/errors';
import { validationError } from '../api/validation';
import { appConfigDir, readJsonIfPresent, writePrivateJson } from '../util/config-dir';

/** A profile as kept: with the id it was registered under, so that it comes back under the same one. */
export type SavedProfile = EngineProfileInput & { id: string };

const savedFile = z.strictObject({
  engines: z.array(
    engineProfile.refine((p) => p.id !== undefined, { path: ['id'], message: 'is required' }),
  ),
});

/** Where the desktop app and serve mode keep the engines added through the contract. */
export function defaultEnginesPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(appConfigDir(env), 'engines.json');
}

/**
 * The engines an operator added, kept in a JSON file beside the proxy's
 * settings and added again at every start. Profiles hold addresses and
 * file paths only: no key, certificate or passphrase is ever written.
 * Without a path, they are kept for this run only.
 */
export class SavedEngines {
  private profiles: SavedProfile[];

  constructor(private readonly path: string | null) {
    this.profiles = path ? readSaved(path) : [];
  }

  list(): SavedProfile[] {
    return [...this.profiles];
  }

  has(id: string): boolean {
    return this.profiles.some((p) => p.id === id);
  }

  add(profile: SavedProfile): void {
    this.write([...this.profiles.filter((p) => p.id !== profile.id), profile]);
  }

  /** Whether `id` was a saved engine. */
  remove(id: string): boolean {
    if (!this.has(id)) return false;
    this.write(this.profiles.filter((p) => p.id !== id));
    return true;
  }

  private write(profiles: SavedProfile[]): void {
    if (this.path) writePrivateJson(this.path, { engines: profiles });
    this.profiles = profiles;
  }
}

function readSaved(path: string): SavedProfile[] {
  const value = readJsonIfPresent(path, 'engines');
  if (value === undefined) return [];
  const parsed = savedFile.safeParse(value);
  if (!parsed.success) {
    const error = validationError(parsed.error, value, 'engines');
    throw new CoreError('VALIDATION', `${path}: ${error.message}`, error.details);
  }
  return parsed.data.engines as SavedProfile[];
}
