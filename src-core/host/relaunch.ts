import type * as containers from '../api/containers';
import { errorPayloadOf, type ErrorPayload } from '../api/errors';
import type { Launched } from '../engines/launcher';
import type { StartRequest } from '../realm/start-request';
import type { DomainHandlers } from './handler';
import type { HostServices } from './services';
import { toContainerView } from './to-container-view';

type Target = { engine: string; id: string };

export type RelaunchOutcome =
  (Target & { ok: true; launched: Launched }) | (Target & { ok: false; error: ErrorPayload });

/**
 * Launches a container again as it was made, read back from it, through the
 * one launcher on its own engine (readiness and routing included when a
 * proxy runs); the start replaces it. Audited as `container.relaunch`, or
 * as the caller's `action` (a fix of the realm check).
 */
export async function relaunch(
  services: Pick<HostServices, 'engines' | 'launcher' | 'catalog'>,
  { engine, id }: Target,
  action = 'container.relaunch',
): Promise<RelaunchOutcome> {
  let request: StartRequest | undefined;
  try {
    request = await services.engines.manager(engine).relaunchRequest(id);
    const launched = await services.launcher.launch(engine, request);
    services.catalog?.record({
      action,
      target: `${request.user} ${request.image}`,
      engine,
      result: 'ok',
      detail: `container ${id.slice(0, 12)} relaunched as ${launched.container.id.slice(0, 12)}`,
    });
    return { engine, id, ok: true, launched };
  } catch (failure) {
    const error = errorPayloadOf(failure);
    services.catalog?.record({
      action,
      target: request ? `${request.user} ${request.image}` : id,
      engine,
      result: 'error',
      detail: `container ${id.slice(0, 12)}: ${error.message}`,
    });
    return { engine, id, ok: false, error };
  }
}

/** `containers.relaunch`: the containers named, or every exited one of the engines that answer. */
export function relaunchHandler(
  services: HostServices,
): DomainHandlers<typeof containers>['containers.relaunch'] {
  return async ({ targets, allExited, operationId }, context) => {
    const chosen: Target[] = [...(targets ?? [])];
    const unreachable: Array<{ engine: string; error: ErrorPayload }> = [];
    if (allExited)
      for (const { engineId, containers: list, error } of await services.engines.listAll()) {
        if (error) unreachable.push({ engine: engineId, error });
        for (const c of list) if (c.state === 'exited') chosen.push({ engine: engineId, id: c.id });
      }
    let done = 0;
    // The managers bound the concurrency per engine; each target reports on its own.
    const results = await Promise.all(
      chosen.map(async (target) => {
        const outcome = await relaunch(services, target);
        done++;
        if (operationId)
          context.broadcast('operations.progress', {
            operationId,
            kind: 'relaunch',
            done,
            total: chosen.length,
            item: outcome.ok
              ? { engine: target.engine, id: target.id, user: outcome.launched.container.user }
              : target,
            ...(!outcome.ok && { error: outcome.error }),
          });
        return outcome.ok
          ? {
              ...target,
              ok: true as const,
              container: toContainerView(services, target.engine, outcome.launched.container),
              skippedVolumes: outcome.launched.skippedVolumes,
            }
          : outcome;
      }),
    );
    return { results, unreachable };
  };
}
