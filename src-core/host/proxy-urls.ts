import type { ProxySettings } from '../api/proxy';
import type { ProxyService } from '../proxy/proxy-service';
import { containerUrl, settingsOrigin } from '../proxy/proxy-url';
import type { ContainerUrls } from './container-urls';

/** Container URLs through the proxy: a container has one once it is ready and routed. */
export function proxyUrls(proxy: ProxyService): ContainerUrls {
  return { urlOf: (engine, container) => proxy.urlOf(engine, container.id) };
}

/**
 * Container URLs on the configured proxy's address, for a process that runs
 * no proxy itself (a command line while the app or serve mode runs it).
 */
export function settingsUrls(settings: ProxySettings): ContainerUrls {
  const origin = settingsOrigin(settings);
  return {
    urlOf: (_engine, container) =>
      container.state === 'running' && container.port !== null
        ? containerUrl(origin, container.urlpath)
        : null,
  };
}
