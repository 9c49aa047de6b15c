import type { EngineRegistry } from '../docker/engine-registry';
import type { ContainerUrls } from './container-urls';

/** What the host binds the contract to. Domains added later add their service here. */
export interface HostServices {
  engines: EngineRegistry;
  urls: ContainerUrls;
}
