import { CoreError } from '../api/errors';
import type * as stats from '../api/stats';
import type { CallContext, DomainHandlers } from './handler';
import type { HostServices } from './services';

type Watches = Map<string, () => void>;

/** The stats watches a session has open, by the watch id it chose. */
function watchesOf(context: CallContext): Watches {
  let watches = context.state.get('stats-watches') as Watches | undefined;
  if (!watches) {
    watches = new Map();
    context.state.set('stats-watches', watches);
  }
  return watches;
}

export function statsHandlers(services: HostServices): DomainHandlers<typeof stats> {
  return {
    'stats.watch': async ({ watchId, engine, intervalSeconds }, context) => {
      const sampler = services.stats;
      if (!sampler)
        throw new CoreError('NOT_FOUND', 'This host samples no resource use', {
          reason: 'no sampler',
        });
      // An unknown engine is NOT_FOUND on `engine`, as every call naming one.
      if (engine !== undefined) services.engines.manager(engine);
      const watches = watchesOf(context);
      if (watches.has(watchId))
        throw new CoreError('CONFLICT', `watchId: "${watchId}" is already watching`, {
          field: 'watchId',
          reason: 'already in use',
        });
      const stop = sampler.watch(
        { ...(engine !== undefined && { engine }), intervalMs: intervalSeconds * 1000 },
        (batch) => context.reply('stats.samples', { watchId, ...batch }),
      );
      const cancel = context.onClose(stop);
      watches.set(watchId, () => {
        stop();
        cancel();
        watches.delete(watchId);
      });
      return { intervalSeconds };
    },

    'stats.unwatch': async ({ watchId }, context) => {
      const unwatch = watchesOf(context).get(watchId);
      unwatch?.();
      return { stopped: unwatch !== undefined };
    },
  };
}
