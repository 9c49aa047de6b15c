import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CoreError } from '../api/errors';

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

/**
 * Writes JSON whole or not at all, readable by the owner only: into a new
 * file of a random name beside `path`, created exclusively (so that no one
 * can have made it, or a symlink by its name, beforehand), then renamed
 * over `path`. A failed write removes it and leaves `path` as it was.
 */
export function writePrivateJson(path: string, value: unknown): void {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}`);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** A settings file's JSON, or undefined when there is no file; VALIDATION on `field` when it is not JSON. */
export function readJsonIfPresent(path: string, field: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw CoreError.validation(field, `${path} is not JSON`);
  }
}
