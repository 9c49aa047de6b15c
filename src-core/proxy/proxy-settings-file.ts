import { join } from 'node:path';
import { proxySettings, type ProxySettings } from '../api/proxy';
import { parseOrThrow } from '../api/validation';
import { appConfigDir, readJsonIfPresent, writePrivateJson } from '../util/config-dir';

/**
 * The proxy's settings on disk: one JSON file read by the desktop app,
 * serve mode and the command line alike, so that all three agree on the
 * address that answers. A missing file means the defaults.
 */
export function readProxySettings(path: string): ProxySettings {
  return parseOrThrow(proxySettings, readJsonIfPresent(path, 'proxySettings') ?? {});
}

/** The settings in `path`, or the defaults without a file. */
export function loadProxySettings(path: string | undefined): ProxySettings {
  return path ? readProxySettings(path) : parseOrThrow(proxySettings, {});
}

/** Where the desktop app, serve mode and the command line keep the proxy's settings. */
export function defaultProxySettingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(appConfigDir(env), 'proxy.json');
}

/** Writes whole or not at all; only the owner may read it, for it holds CHP's token. */
export function writeProxySettings(path: string, settings: ProxySettings): void {
  writePrivateJson(path, settings);
}
