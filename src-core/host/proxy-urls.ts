import type { ProxyService } from '../proxy/proxy-service';
import type { ContainerUrls } from './container-urls';

/** Container URLs through the proxy: a container has one once it is ready and routed. */
export function proxyUrls(proxy: ProxyService): ContainerUrls {
  return { urlOf: (engine, container) => proxy.urlOf(engine, container.id) };
}
