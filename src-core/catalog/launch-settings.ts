import type Database from 'better-sqlite3';
import { CoreError } from '../api/errors';
import { DEFAULT_HOME_TARGET, DEFAULT_HOME_TEMPLATE, homeDirectory } from './grant-start-request';
import { APP_DDL } from './schema';

/** How grants launch on this workstation; kept in the app's own `remoteapp_setting` table. */
export interface LaunchSettings {
  /** The host directory mounted as a user's home; `{user}` becomes the name. */
  homeTemplate: string;
  /** Where it appears in the container. */
  homeTarget: string;
}

const DEFAULTS: LaunchSettings = {
  homeTemplate: DEFAULT_HOME_TEMPLATE,
  homeTarget: DEFAULT_HOME_TARGET,
};
const KEYS = { homeTemplate: 'launch.home_template', homeTarget: 'launch.home_target' } as const;

function checkPath(field: string, value: string) {
  if (!value.startsWith('/') || value.length > 4096 || /[:\0]/.test(value))
    throw CoreError.validation(field, 'must be an absolute path without ":"');
  if (value.split('/').some((s) => s === '.' || s === '..'))
    throw CoreError.validation(field, 'must not contain "." or ".." segments');
}

export class LaunchSettingsStore {
  constructor(private readonly db: Database.Database) {
    for (const ddl of APP_DDL) db.exec(ddl);
  }

  get(): LaunchSettings {
    const rows = this.db.prepare('SELECT key, value FROM remoteapp_setting').all() as Array<{
      key: string;
      value: string;
    }>;
    const stored = new Map(rows.map((r) => [r.key, r.value]));
    return {
      homeTemplate: stored.get(KEYS.homeTemplate) ?? DEFAULTS.homeTemplate,
      homeTarget: stored.get(KEYS.homeTarget) ?? DEFAULTS.homeTarget,
    };
  }

  /** Checks and stores the given settings in one transaction; returns them all. */
  set(changes: Partial<LaunchSettings>): LaunchSettings {
    if (changes.homeTemplate !== undefined) {
      checkPath('homeTemplate', changes.homeTemplate);
      homeDirectory(changes.homeTemplate, 'user');
    }
    if (changes.homeTarget !== undefined) checkPath('homeTarget', changes.homeTarget);
    const upsert = this.db.prepare(
      'INSERT INTO remoteapp_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.db.transaction(() => {
      for (const [name, key] of Object.entries(KEYS)) {
        const value = changes[name as keyof LaunchSettings];
        if (value !== undefined) upsert.run(key, value);
      }
    })();
    return this.get();
  }
}
