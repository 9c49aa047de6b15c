import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The folder where the desktop app, serve mode and the command line keep
 * their settings: `$REMOTEAPP_CONFIG_DIR`, else the user's configuration folder.
 */
export function appConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REMOTEAPP_CONFIG_DIR) return env.REMOTEAPP_CONFIG_DIR;
  const base =
    process.platform === 'win32'
      ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : (env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(base, 'remoteapp-admin');
}

/** Writes JSON whole or not at all, readable by the owner only. */
export function writePrivateJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
