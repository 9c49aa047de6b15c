import { z } from 'zod';
import { call } from './define';
import { callerId, engineId, id } from './fields';
import { SWARM_NODE_ID } from './ids';

/** A node of a Swarm engine's cluster, as the Engines view and `remoteapp-admin nodes` show it. */
export const swarmNode = z.object({
  id: z.string(),
  hostname: z.string(),
  role: z.enum(['manager', 'worker']),
  leader: z.boolean(),
  /** `drain`: Swarm moves its tasks elsewhere and places none there. */
  availability: z.enum(['active', 'pause', 'drain']),
  /** Swarm's own: ready, down, disconnected, unknown. */
  state: z.string(),
  /** Where its tasks' published ports are reached from the core. */
  address: z.string(),
  cpus: z.number(),
  memoryBytes: z.number(),
  /** The realm's tasks running on it now. */
  runningTasks: z.number().int(),
});

export type SwarmNodeView = z.infer<typeof swarmNode>;

export const nodeCalls = {
  /** A Swarm services engine's nodes, managers first; NOT_FOUND on `engine` for any other engine. */
  'engines.nodes': call(
    z.strictObject({ engine: engineId }),
    z.object({ nodes: z.array(swarmNode) }),
  ),
  /**
   * Drains a node (Swarm moves its tasks, of every realm, to the other
   * nodes) or makes it active again; audited. NOT_FOUND on `node` for a node
   * not in the engine's Swarm. With `operationId`, its outcome is reported
   * as that operation's one item.
   */
  'engines.setNodeAvailability': call(
    z.strictObject({
      engine: engineId,
      node: id(SWARM_NODE_ID),
      availability: z.enum(['active', 'drain']),
      operationId: callerId.optional(),
    }),
    z.object({}),
  ),
};
