import type * as engines from '../api/engines';
import type { DomainHandlers } from './handler';
import type { HostServices } from './services';

export function engineHandlers(services: HostServices): DomainHandlers<typeof engines> {
  return {
    'engines.list': async () => ({ engines: services.engines.statuses() }),
  };
}
