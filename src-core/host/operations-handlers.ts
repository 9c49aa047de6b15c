import { CoreError } from '../api/errors';
import type * as operations from '../api/operations';
import type { DomainHandlers } from './handler';
import type { HostServices } from './services';

export function operationHandlers(services: HostServices): DomainHandlers<typeof operations> {
  const history = () => {
    if (!services.history)
      throw new CoreError('NOT_FOUND', 'This host keeps no history of operations', {
        reason: 'no history',
      });
    return services.history;
  };
  return {
    'operations.begin': async ({ operationId, kind, title, total }, context) => {
      const operation = history().begin({ id: operationId, kind, title, total });
      context.broadcast('operations.changed', { operation });
      return { operation };
    },
    'operations.finish': async ({ operationId, error }, context) => {
      const operation = history().finish(operationId, error);
      context.broadcast('operations.changed', { operation });
      return { operation };
    },
    'operations.history': async () => ({ operations: history().list() }),
  };
}
