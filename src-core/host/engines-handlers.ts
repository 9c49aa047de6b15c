import type * as engines from '../api/engines';
import { CoreError, isCoreError } from '../api/errors';
import { probeEngine } from '../docker/engine-probe';
import { NotLoadedEngines } from '../engines/not-loaded-engines';
import { SavedEngines } from '../engines/saved-engines';
import type { CallContext, DomainHandlers } from './handler';
import { nodeHandlers } from './node-handlers';
import type { HostServices } from './services';

/**
 * A fault in a profile's field, named as the request names it
 * (`profile.tls.ca`); a variable of the core's environment (DOCKER_HOST...)
 * keeps its own name.
 */
async function asProfileField<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const field = isCoreError(error) ? error.details.field : undefined;
    if (!isCoreError(error) || typeof field !== 'string' || /^[A-Z_]+$/.test(field)) throw error;
    const named = `profile.${field}`;
    throw new CoreError(
      error.code,
      error.message.startsWith(`${field}:`)
        ? `${named}${error.message.slice(field.length)}`
        : error.message,
      { ...error.details, field: named },
    );
  }
}

export function engineHandlers(services: HostServices): DomainHandlers<typeof engines> {
  const registry = services.engines;
  const saved = services.savedEngines ?? new SavedEngines(null);
  const notLoaded = services.notLoadedEngines ?? new NotLoadedEngines(registry, saved);
  const notLoadedChanged = (context: CallContext) =>
    context.broadcast('engines.notLoaded', { engines: notLoaded.list() });
  return {
    'engines.list': async () => ({
      engines: registry.statuses(),
      notLoaded: notLoaded.list(),
      realm: registry.realm,
    }),

    'engines.test': async ({ profile }) => asProfileField(() => probeEngine(profile)),

    'engines.add': async ({ profile }, context) => {
      const status = await asProfileField(() => registry.add(profile));
      try {
        saved.add({ ...profile, id: status.id });
      } catch (error) {
        // Not kept, not added: nothing half-done.
        await registry.remove(status.id);
        throw error;
      }
      context.broadcast('engines.changed', status);
      if (notLoaded.replaced(status.id)) notLoadedChanged(context);
      return { engine: status };
    },

    'engines.remove': async ({ engine, notLoaded: dropNotLoaded }, context) => {
      if (dropNotLoaded) {
        notLoaded.remove(engine);
        notLoadedChanged(context);
        return { saved: true };
      }
      if (notLoaded.has(engine) && !registry.statuses().some((s) => s.id === engine))
        throw new CoreError(
          'NOT_FOUND',
          `notLoaded: "${engine}" is a saved engine that is not loaded; remove it with notLoaded: true`,
          { field: 'notLoaded', reason: 'the engine is not loaded' },
        );
      registry.manager(engine);
      // The file's profile of this id is this engine's, unless it is the one that could not be loaded.
      const wasSaved = !notLoaded.has(engine) && saved.remove(engine);
      await registry.remove(engine);
      context.broadcast('engines.removed', { id: engine });
      return { saved: wasSaved };
    },

    'engines.passphrase': async ({ engine, keyFile, passphrase }) => {
      await registry.givePassphrase(engine, keyFile, passphrase);
      return {};
    },

    'engines.trustHostKey': async ({ engine, fingerprint }) => {
      registry.trustHostKey(engine, fingerprint);
      return {};
    },

    'engines.retry': async ({ engine }, context) => {
      let status;
      try {
        status = notLoaded.retry(engine);
      } catch (error) {
        // Still not loaded: its reason and time are new.
        if (notLoaded.has(engine)) notLoadedChanged(context);
        throw error;
      }
      context.broadcast('engines.changed', status);
      notLoadedChanged(context);
      return { engine: status };
    },

    ...nodeHandlers(services),
  };
}
