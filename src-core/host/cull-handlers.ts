import type * as cull from '../api/cull';
import { CoreError } from '../api/errors';
import type { CullService } from './cull-service';
import type { DomainHandlers } from './handler';
import type { HostServices } from './services';

export function cullHandlers(services: HostServices): DomainHandlers<typeof cull> {
  const service = (): CullService => {
    if (!services.cull)
      throw new CoreError('NOT_FOUND', 'This host culls nothing', { reason: 'no cull service' });
    return services.cull;
  };
  const status = () => ({ policy: service().policy, lastRun: service().lastRun });

  return {
    'cull.policy': async () => status(),

    'cull.configure': async ({ policy }) => {
      service().configure(policy);
      return status();
    },

    'cull.run': async ({ dryRun, idleFor }) =>
      service().run({ dryRun, ...(idleFor !== undefined && { idleFor }) }),
  };
}
