import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { proxySettings, type ProxySettings } from '../api/proxy';
import { CoreError } from '../api/errors';
import { parseOrThrow } from '../api/validation';

/**
 * The proxy's settings on disk: one JSON file read by the desktop app,
 * serve mode and the command line alike, so that all three agree on the
 * address that answers. A missing file means the defaults.
 */
export function readProxySettings(path: string): ProxySettings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return parseOrThrow(proxySettings, {});
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw CoreError.validation('proxySettings', `${path} is not JSON`);
  }
  return parseOrThrow(proxySettings, value);
}

/** Writes whole or not at all; only the owner may read it, for it holds CHP's token. */
export function writeProxySettings(path: string, settings: ProxySettings): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
