import type * as containers from '../api/containers';
import { PREVIEW_RANDOM, type ContainerPreviewView } from '../api/containers';
import type { ValidRequest } from '../api/contract';
import { CoreError, errorPayloadOf, isCoreError, type ErrorPayload } from '../api/errors';
import type { EnginePlan } from '../engines/engine-registry';
import type { StartPreview } from '../realm/container-manager';
import { RUNINFO } from '../realm/labels';
import { placementRequest } from '../realm/placement';
import type { StartRequest } from '../realm/start-request';
import { defaultMappingId } from './default-mapping-id';
import { relaunchHandler } from './relaunch';
import { toContainerView } from './to-container-view';
import type { CallContext, DomainHandlers } from './handler';
import type { HostServices } from './services';

type LaunchFields = Omit<ValidRequest<'containers.launch'>, 'user' | 'operationId'>;

/** What a launch (or its preview) asks the engine's manager to start for one user. */
function startRequestOf(request: LaunchFields, user: string): StartRequest {
  return {
    user,
    image: request.image,
    mappingId: request.mappingId ?? defaultMappingId(user, request.image),
    ...(request.baseUrlpath !== undefined && { baseUrlpath: request.baseUrlpath }),
    volumes: request.volumes ?? [],
    environment: request.environment ?? {},
    ...placementRequest({
      cpus: request.cpus,
      memoryBytes: request.memory,
      constraints: request.constraints,
    }),
  };
}

/** A preview of one user's start on an engine, as it crosses the contract. */
function previewView(
  { engine, alsoOn, refused }: EnginePlan,
  user: string,
  { plan, binds, replaces, service }: StartPreview,
): ContainerPreviewView {
  const { NanoCpus, Memory } = plan.create.HostConfig ?? {};
  return {
    user,
    engine,
    namePrefix: plan.namePrefix,
    nameSuffix: PREVIEW_RANDOM.nameSuffix,
    image: plan.create.Image!,
    mappingId: plan.labels[RUNINFO.mappingId]!,
    labels: plan.labels,
    environment: plan.environment,
    binds,
    resources: { cpus: NanoCpus ? NanoCpus / 1e9 : null, memoryBytes: Memory || null },
    service: service ? { ...service } : null,
    publishIp: plan.publishIp,
    replaces,
    alsoOn,
    ...(refused && { error: refused.toPayload() }),
  };
}

/** The container a refusal says the engine not connected holds, if it knew which. */
function heldContainer(refused: CoreError): string | null {
  const id = refused.details.container;
  return typeof id === 'string' ? id : null;
}

type Follows = Map<string, { stop(): void }>;

/** The log follows a session has open, by the follow id it chose. */
function followsOf(context: CallContext): Follows {
  let follows = context.state.get('follows') as Follows | undefined;
  if (!follows) {
    follows = new Map();
    context.state.set('follows', follows);
  }
  return follows;
}

export function containerHandlers(services: HostServices): DomainHandlers<typeof containers> {
  const { engines } = services;
  const view = toContainerView.bind(null, services);

  return {
    'containers.list': async ({ engine }) => {
      // The latest activity for the rows; CHP not answering leaves the last known.
      await services.activity?.refresh().catch(() => undefined);
      if (engine) {
        const list = await engines.manager(engine).listContainers();
        return { engines: [{ engine, containers: list.map((c) => view(engine, c)) }] };
      }
      const listings = await engines.listAll();
      return {
        engines: listings.map(({ engineId, containers: list, error }) => ({
          engine: engineId,
          containers: list.map((c) => view(engineId, c)),
          ...(error && { error }),
        })),
      };
    },

    'containers.launch': async (request, context) => {
      const report = (item: { engine: string; id?: string }, error?: ErrorPayload) => {
        if (request.operationId)
          context.broadcast('operations.progress', {
            operationId: request.operationId,
            kind: 'launch',
            done: 1,
            total: 1,
            item: { ...item, user: request.user },
            ...(error && { error }),
          });
      };
      let launched;
      try {
        launched = await services.launcher.launch(
          request.engine,
          startRequestOf(request, request.user),
        );
      } catch (error) {
        // A failed user is an item of the operation too: its history says why.
        report({ engine: request.engine }, errorPayloadOf(error));
        throw error;
      }
      const { engine, container, skippedVolumes } = launched;
      report({ engine, id: container.id });
      return { engine, container: view(engine, container), skippedVolumes };
    },

    'containers.preview': async (request) => {
      if (request.engine !== 'any') engines.manager(request.engine);
      const starts = request.users.map((user) => startRequestOf(request, user));
      // The engines the launches of these users, sent in this order, would go to now.
      const planned = engines.planEngines(request.engine, starts);
      const containers = await Promise.all(
        starts.map(async (start, i) => {
          const plan = planned[i]!;
          const manager = engines.manager(plan.engine);
          try {
            // A refused launch's engine is not connected: what it is known to hold stands in.
            const preview = plan.refused
              ? manager.previewUnasked(start, heldContainer(plan.refused))
              : await manager.previewContainer(start);
            return previewView(plan, start.user, preview);
          } catch (error) {
            // A refusal about the user is about this entry of `users`.
            if (isCoreError(error, 'VALIDATION') && error.details.field === 'user')
              throw CoreError.validation(`users[${i}]`, String(error.details.reason));
            throw error;
          }
        }),
      );
      return { containers };
    },

    'containers.stop': async ({ targets, operationId }, context) => {
      let done = 0;
      // The managers bound the concurrency per engine; each target reports on its own.
      const results = await Promise.all(
        targets.map(async ({ engine, id }) => {
          let outcome;
          try {
            const { removed } = await engines.manager(engine).stopAndRemoveContainer(id);
            outcome = { engine, id, ok: true as const, removed };
          } catch (error) {
            outcome = { engine, id, ok: false as const, error: errorPayloadOf(error) };
          }
          done++;
          if (operationId)
            context.broadcast('operations.progress', {
              operationId,
              kind: 'stop',
              done,
              total: targets.length,
              item: { engine, id },
              ...(!outcome.ok && { error: outcome.error }),
            });
          return outcome;
        }),
      );
      return { results };
    },

    'containers.relaunch': relaunchHandler(services),

    'containers.inspect': async ({ engine, id }) => {
      const details = await engines.manager(engine).inspectContainer(id);
      return { ...details, container: view(engine, details.container) };
    },

    'containers.logs': async ({ engine, id, tail, followId }, context) => {
      const manager = engines.manager(engine);
      if (followId === undefined) return { lines: await manager.containerLogs(id, tail) };
      const follows = followsOf(context);
      if (follows.has(followId))
        throw new CoreError('CONFLICT', `followId: "${followId}" is already following`, {
          field: 'followId',
          reason: 'already in use',
        });
      // Reserved while the stream opens, so that a second call with this id is refused meanwhile.
      let unfollowed = false;
      follows.set(followId, { stop: () => (unfollowed = true) });
      let cancel = () => {};
      let follow;
      try {
        follow = await manager.followContainerLogs(id, tail, {
          onLines: (lines) => {
            for (const line of lines) context.reply('containers.log', { followId, ...line });
          },
          onEnd: (error) => {
            follows.delete(followId);
            cancel();
            context.reply('containers.logEnd', {
              followId,
              ...(error && { error: error.toPayload() }),
            });
          },
        });
      } catch (error) {
        follows.delete(followId);
        throw error;
      }
      follows.set(followId, follow);
      cancel = context.onClose(() => follow.stop());
      if (unfollowed) follow.stop();
      return { lines: [] };
    },

    'containers.unfollow': async ({ followId }, context) => {
      const follow = followsOf(context).get(followId);
      follow?.stop();
      return { stopped: follow !== undefined };
    },

    'containers.url': async ({ engine, id }) => {
      const { container } = await engines.manager(engine).inspectContainer(id);
      return { url: services.urls.urlOf(engine, container) };
    },
  };
}
