import { catalogHandlers } from './catalog-handlers';
import { containerHandlers } from './containers-handlers';
import { cullHandlers } from './cull-handlers';
import { engineHandlers } from './engines-handlers';
import type { Handlers } from './handler';
import { imageHandlers } from './images-handlers';
import { operationHandlers } from './operations-handlers';
import { proxyHandlers } from './proxy-handlers';
import { realmHandlers } from './realm-handlers';
import { statsHandlers } from './stats-handlers';
import type { HostServices } from './services';

/** Every call of the contract bound to its handler; a call without one fails the type check. */
export function contractHandlers(services: HostServices): Handlers {
  return {
    ...engineHandlers(services),
    ...containerHandlers(services),
    ...imageHandlers(services),
    ...operationHandlers(services),
    ...catalogHandlers(services),
    ...proxyHandlers(services),
    ...cullHandlers(services),
    ...realmHandlers(services),
    ...statsHandlers(services),
  };
}
