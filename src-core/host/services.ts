import type { CatalogService } from '../catalog/catalog-service';
import type { Engines } from '../engines/engine-registry';
import type { Launcher } from '../engines/launcher';
import type { NotLoadedEngines } from '../engines/not-loaded-engines';
import type { SavedEngines } from '../engines/saved-engines';
import type { StatsSampler } from '../engines/stats-sampler';
import type { ProxyService } from '../proxy/proxy-service';
import type { ContainerActivity } from '../proxy/route-activity';
import type { ContainerUrls } from './container-urls';
import type { CullService } from './cull-service';
import type { OperationHistory } from './operation-history';

/** What the host binds the contract to. Domains added later add their service here. */
export interface HostServices {
  engines: Engines;
  /** Every launch goes through it: the engine chosen and reserved, the start, the release. */
  launcher: Pick<Launcher, 'launch'>;
  /** Where `engines.add` keeps profiles for the next start; for this run only when absent. */
  savedEngines?: SavedEngines;
  /** The saved engines that could not be added at start; none when absent. */
  notLoadedEngines?: NotLoadedEngines;
  urls: ContainerUrls;
  /** Users, applications, grants and the audit log; the catalog calls fail NOT_FOUND without it. */
  catalog?: CatalogService;
  /** Readiness, routes and URLs; without it launches do not wait and the proxy calls fail NOT_FOUND. */
  proxy?: ProxyService;
  /** When each container was last used through the proxy; `lastActivity` is null without it. */
  activity?: ContainerActivity;
  /** The idle cull; the cull calls fail NOT_FOUND without it. */
  cull?: CullService;
  /** The operations begun through the contract; the operations calls fail NOT_FOUND without it. */
  history?: OperationHistory;
  /** Resource sampling for `stats.watch`; that call fails NOT_FOUND without it. */
  stats?: Pick<StatsSampler, 'watch'>;
}
