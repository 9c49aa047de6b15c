import type * as catalog from '../api/catalog';
import { CoreError, isCoreError } from '../api/errors';
import type { CatalogService, LaunchTarget } from '../catalog/catalog-service';
import type { LaunchProgress } from '../catalog/grant-launcher';
import { toContainerView } from './to-container-view';
import type { DomainHandlers } from './handler';
import type { HostServices } from './services';

/** The launch request's target: grants by id, or an application for users; exactly one. */
function launchTarget(request: {
  grantIds?: string[];
  image?: string;
  policyId?: number;
  users?: string[];
}): LaunchTarget {
  const { grantIds, image, policyId, users } = request;
  if (grantIds && (image !== undefined || users))
    throw CoreError.validation('grantIds', 'give either grantIds, or image and users, not both');
  if (grantIds) return { grantIds };
  if (image === undefined) throw CoreError.validation('image', 'is required without grantIds');
  if (!users) throw CoreError.validation('users', 'is required with image');
  return { image, users, ...(policyId !== undefined && { policyId }) };
}

export function catalogHandlers(services: HostServices): DomainHandlers<typeof catalog> {
  const service = (): CatalogService => {
    if (!services.catalog)
      throw new CoreError('NOT_FOUND', 'No catalog is open in this host', { reason: 'no catalog' });
    return services.catalog;
  };
  const view = toContainerView.bind(null, services);
  const progressView = (p: LaunchProgress) => {
    const { container, ...rest } = p;
    return { ...rest, ...(container && { container: view(p.engine!, container) }) };
  };

  return {
    'catalog.info': async () => service().info(),
    'catalog.open': async ({ kind, path }) => service().open(kind, path),
    'catalog.users': async ({ search }) => ({ users: service().catalog.listUsers(search) }),
    'catalog.addUser': async ({ name }) => ({ user: service().addUser(name) }),
    'catalog.removeUser': async ({ name }) => service().removeUser(name),
    'catalog.applications': async ({ search }) => ({
      applications: service().catalog.listApplications(search),
    }),
    'catalog.addApplication': async ({ image }) => ({
      application: service().addApplication(image),
    }),
    'catalog.removeApplication': async ({ image }) => service().removeApplication(image),
    'catalog.policies': async () => ({ policies: service().catalog.listPolicies() }),
    'catalog.removePolicy': async ({ id }) => {
      service().removePolicy(id);
      return {};
    },
    'catalog.grants': async (query) => ({ grants: service().listGrants(query) }),
    'catalog.addGrant': async (input) => service().addGrant(input),
    'catalog.removeGrant': async ({ id }) => {
      service().removeGrant(id);
      return {};
    },
    'catalog.importCsv': async ({ text, name }) => {
      try {
        return service().importCsv(text, name);
      } catch (error) {
        // A bad row is a fault of the request's `text`; its row and column stay in the details.
        if (isCoreError(error, 'VALIDATION') && error.details.row !== undefined)
          throw new CoreError('VALIDATION', `text: ${error.message}`, {
            ...error.details,
            field: 'text',
          });
        throw error;
      }
    },
    'catalog.exportCsv': async () => ({ text: service().exportCsv() }),

    'catalog.launch': async (request, context) => {
      const target = launchTarget(request);
      // An unknown engine is reported against the request's `engine` field.
      if (request.engine !== 'any') services.engines.manager(request.engine);
      const total = 'grantIds' in target ? target.grantIds.length : target.users.length;
      let done = 0;
      // Each grant goes to its own engine with "any", chosen as the containers.launch of each would.
      const outcomes = await service().launch(request.engine, target, {
        ...(request.configurables && { configurables: request.configurables }),
        onProgress: (p) => {
          const { operationId } = request;
          if (!operationId) return;
          context.broadcast('catalog.launchProgress', { operationId, ...progressView(p) });
          if (p.state !== 'running' && p.state !== 'failed') return;
          context.broadcast('operations.progress', {
            operationId,
            kind: 'launch',
            done: ++done,
            total,
            item: {
              engine: p.engine ?? request.engine,
              user: p.user,
              ...(p.container && { id: p.container.id }),
            },
            ...(p.error && { error: p.error }),
          });
        },
      });
      return { outcomes: outcomes.map(progressView) };
    },

    'catalog.stopUser': async ({ engine, user }) => {
      services.engines.manager(engine);
      return { results: await service().stopUser(engine, user) };
    },
    'catalog.stopApplication': async ({ engine, image }) => {
      services.engines.manager(engine);
      return { results: await service().stopApplication(engine, image) };
    },
    'catalog.audit': async (query) => ({ entries: service().audit.list(query) }),
    'catalog.exportAudit': async () => ({ text: service().audit.exportCsv() }),
    'catalog.settings': async () => service().settings.get(),
    'catalog.setSettings': async (changes) => service().setSettings(changes),
  };
}
