import type { ProxySettings } from '../api/proxy';

/** `origin` + the container's urlpath with its end slash: what a browser opens. */
export function containerUrl(origin: string, urlpath: string): string {
  return `${origin.replace(/\/+$/, '')}${urlpath.replace(/\/+$/, '')}/`;
}

/**
 * Where the configured proxy answers, computed from the settings alone, so
 * that the command line prints the address the desktop app or serve mode
 * is answering on.
 */
export function settingsOrigin(settings: ProxySettings): string {
  if (settings.backend === 'chp' && settings.chp) return settings.chp.publicUrl.replace(/\/+$/, '');
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  return `http://${host}:${settings.port}`;
}
