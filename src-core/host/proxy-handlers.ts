import { CoreError } from '../api/errors';
import * as proxy from '../api/proxy';
import { parseOrThrow } from '../api/validation';
import type { ProxyService } from '../proxy/proxy-service';
import { toContainerView } from './to-container-view';
import type { DomainHandlers } from './handler';
import type { HostServices } from './services';

/** The settings as the renderer may see them: whether a token is set, never the token. */
function statusOf(service: ProxyService) {
  const { chp, ...rest } = service.settings;
  return {
    settings: {
      ...rest,
      chp: chp && { apiUrl: chp.apiUrl, publicUrl: chp.publicUrl, tokenSet: chp.token !== '' },
    },
    origin: service.origin,
    lastError: service.lastError,
  };
}

/**
 * A token left out keeps the one stored (the renderer never holds it), but
 * only while CHP's API keeps its origin: the token is CHP's admin key, and
 * kept across a move it would be sent to whoever answers at the new address.
 */
function chpToken(
  next: { apiUrl: string; token?: string },
  stored: proxy.ProxySettings['chp'],
): string {
  if (next.token !== undefined) return next.token;
  if (!stored) throw CoreError.validation('settings.chp.token', 'is required');
  const [from, to] = [new URL(stored.apiUrl).origin, new URL(next.apiUrl).origin];
  if (from !== to)
    throw CoreError.validation(
      'settings.chp.token',
      `is required again: the API moved from ${from} to ${to}`,
    );
  return stored.token;
}

export function proxyHandlers(services: HostServices): DomainHandlers<typeof proxy> {
  const service = (): ProxyService => {
    if (!services.proxy)
      throw new CoreError('NOT_FOUND', 'No proxy runs in this host', { reason: 'no proxy' });
    return services.proxy;
  };

  return {
    'proxy.status': async () => statusOf(service()),

    'proxy.configure': async ({ settings }, context) => {
      const running = service();
      const next = parseOrThrow(proxy.proxySettings, {
        ...settings,
        chp: settings.chp && {
          ...settings.chp,
          token: chpToken(settings.chp, running.settings.chp),
        },
      });
      await running.configure(next);
      // The URLs moved with the proxy: every open window patches its rows.
      for (const { engineId, container } of running.containers())
        context.broadcast('containers.changed', {
          engine: engineId,
          kind: 'changed',
          container: toContainerView(services, engineId, container),
        });
      return statusOf(running);
    },

    'proxy.url': async ({ engine, id }) => {
      const running = service();
      // A name or short id names the same container: routes are kept by full id.
      const { container } = await services.engines.manager(engine).inspectContainer(id);
      return {
        url: running.urlOf(engine, container.id),
        readiness: running.readiness(engine, container.id),
      };
    },

    'proxy.reconcile': async () => service().reconcile(),

    'proxy.fix': async () => service().fix(),
  };
}
