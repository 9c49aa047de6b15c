import type { SwarmNodeView } from '../api/engine-nodes';
import type * as engines from '../api/engines';
import { CoreError, errorPayloadOf } from '../api/errors';
import type { DomainHandlers } from './handler';
import type { HostServices } from './services';

type NodeHandlers = Pick<
  DomainHandlers<typeof engines>,
  'engines.nodes' | 'engines.setNodeAvailability'
>;

/** Managers first, then by hostname: the same order in every front end. */
function byRole(a: SwarmNodeView, b: SwarmNodeView): number {
  return a.role === b.role ? a.hostname.localeCompare(b.hostname) : a.role === 'manager' ? -1 : 1;
}

/** What the audit entry says came of a change, in the operator's terms. */
function changeDetail(node: SwarmNodeView, availability: 'active' | 'drain', realm: string) {
  const was = `was ${node.availability}`;
  return availability === 'drain'
    ? `drained (${was}): its tasks move to other nodes, ${node.runningTasks} of realm ${realm} running on it`
    : `active again (${was}): Swarm may place tasks on it`;
}

/**
 * A Swarm engine's nodes, and drain and activate. A change is audited (who,
 * which node of which engine, what came of it) whatever the front end; the
 * engine's rows follow by themselves, as its events tell it of the moves.
 */
export function nodeHandlers(services: HostServices): NodeHandlers {
  const registry = services.engines;
  return {
    'engines.nodes': async ({ engine }) => ({
      nodes: (await registry.nodes(engine)).sort(byRole),
    }),

    'engines.setNodeAvailability': async ({ engine, node, availability, operationId }, context) => {
      const found = (await registry.nodes(engine)).find((n) => n.id === node);
      if (!found)
        throw new CoreError(
          'NOT_FOUND',
          `node: no node "${node}" in the Swarm of engine "${engine}"`,
          { field: 'node', reason: 'not in this Swarm' },
        );
      const action = availability === 'drain' ? 'drain' : 'activate';
      const audit = { action: `node.${action}`, target: `${found.hostname} ${node}`, engine };
      const report = (error?: unknown) => {
        if (operationId)
          context.broadcast('operations.progress', {
            operationId,
            kind: action,
            done: 1,
            total: 1,
            item: { engine, id: found.hostname },
            ...(error !== undefined && { error: errorPayloadOf(error) }),
          });
      };
      try {
        await registry.setNodeAvailability(engine, node, availability);
      } catch (error) {
        services.catalog?.record({
          ...audit,
          result: 'error',
          detail: errorPayloadOf(error).message,
        });
        report(error);
        throw error;
      }
      services.catalog?.record({
        ...audit,
        result: 'ok',
        detail: changeDetail(found, availability, registry.realm),
      });
      report();
      return {};
    },
  };
}
