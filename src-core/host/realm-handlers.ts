import type * as realm from '../api/realm';
import type { DomainHandlers } from './handler';
import { checkRealm } from './realm-check';
import { fixRealm } from './realm-fix';
import type { HostServices } from './services';

export function realmHandlers(services: HostServices): DomainHandlers<typeof realm> {
  return {
    'realm.check': async () => checkRealm(services),

    'realm.fix': async ({ findings, kinds, operationId }, context) => {
      let done = 0;
      const results = await fixRealm(
        services,
        { ...(findings && { findings }), ...(kinds && { kinds }) },
        (result, total, f) => {
          done++;
          if (operationId)
            context.broadcast('operations.progress', {
              operationId,
              kind: 'fix',
              done,
              total,
              item: { engine: result.engine, id: result.id, ...(f?.user && { user: f.user }) },
              ...(!result.ok && { error: result.error }),
            });
        },
      );
      return { results };
    },
  };
}
