import type { ProxySettings } from '../../src-core/api/proxy';

/**
 * The embedded proxy on loopback at `port` (0: any free one, which the
 * settings schema would refuse but the proxy takes), giving a new app
 * `readyTimeoutSeconds` to answer.
 */
export function embeddedProxySettings(port: number, readyTimeoutSeconds = 20): ProxySettings {
  return { backend: 'embedded', host: '127.0.0.1', port, readyTimeoutSeconds, chp: null };
}
