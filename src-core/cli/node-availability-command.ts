import type { SwarmNodeView } from '../api/engine-nodes';
import { CoreError } from '../api/errors';
import type { Command } from './cli-io';
import { UsageError } from './usage';

/** The node named by its id or its hostname, as `nodes` prints them. */
function nodeNamed(nodes: SwarmNodeView[], name: string, engine: string): SwarmNodeView {
  const byId = nodes.find((n) => n.id === name);
  if (byId) return byId;
  const byHostname = nodes.filter((n) => n.hostname === name);
  if (byHostname.length > 1)
    throw new CoreError(
      'MULTIPLE_RESULTS',
      `NODE: ${byHostname.length} nodes of engine "${engine}" are named ${name}: give its id (${byHostname.map((n) => n.id).join(', ')})`,
      { field: 'NODE', reason: 'several nodes of that hostname' },
    );
  if (byHostname.length === 0)
    throw new CoreError(
      'NOT_FOUND',
      `NODE: no node "${name}" in the Swarm of engine "${engine}" (its nodes: ${nodes.map((n) => n.hostname).join(', ')})`,
      { field: 'NODE', reason: 'not in this Swarm' },
    );
  return byHostname[0]!;
}

/**
 * `drain NODE --engine E` and `activate NODE --engine E`: NODE by its id or
 * hostname; the core audits the change. A drain returns once Swarm has it:
 * the tasks move afterwards (`ls` shows their new node).
 */
export function nodeAvailabilityCommand(availability: 'drain' | 'active'): Command {
  return async ({ args, client, io }) => {
    const [name, ...more] = args.positionals;
    if (name === undefined || more.length > 0)
      throw new UsageError('NODE', 'name one node: its id or hostname, as `nodes` prints them');
    const engine = args.engine;
    if (engine === undefined) throw new UsageError('--engine', 'name the Swarm engine of the node');
    const { nodes } = await client.call('engines.nodes', { engine });
    const node = nodeNamed(nodes, name, engine);
    await client.call('engines.setNodeAvailability', { engine, node: node.id, availability });
    io.out(
      availability === 'drain'
        ? `Drained ${node.hostname} (${node.id}): Swarm moves its tasks to the other nodes`
        : `Activated ${node.hostname} (${node.id}): Swarm may place tasks on it again`,
    );
    return 0;
  };
}
