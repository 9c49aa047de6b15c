import type { RealmContainer } from '../realm/container';

/**
 * Where a container's app is opened. The seam the embedded proxy replaces:
 * until then, the published port straight on the engine's ip.
 */
export interface ContainerUrls {
  urlOf(engine: string, container: RealmContainer): string | null;
}

export const directUrls: ContainerUrls = {
  urlOf(_engine, container) {
    if (container.state !== 'running' || container.port === null) return null;
    const host = container.ip.includes(':') ? `[${container.ip}]` : container.ip;
    return `http://${host}:${container.port}${container.urlpath}/`;
  },
};
