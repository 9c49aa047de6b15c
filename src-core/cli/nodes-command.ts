import type { SwarmNodeView } from '../api/engine-nodes';
import { errorPayloadOf } from '../api/errors';
import { binarySize } from './byte-size';
import type { Command } from './cli-io';
import { errorLine } from './error-line';
import { table } from './table';

const role = (n: SwarmNodeView) => (n.leader ? `${n.role} (leader)` : n.role);

/**
 * `nodes`: the nodes of every Swarm services engine (or of `--engine`), as
 * a table or as JSON, each with its engine and the realm's tasks running on
 * it. An engine that does not answer, or runs no services, is an error line
 * and exit 1; the others are still listed.
 */
export const nodesCommand: Command = async ({ args, client, io }) => {
  const engines =
    args.engine !== undefined
      ? [args.engine]
      : (await client.call('engines.list', {})).engines
          .filter((e) => e.swarm?.mode === 'services')
          .map((e) => e.id);
  const listings = await Promise.all(
    engines.map((engine) =>
      client.call('engines.nodes', { engine }).then(
        ({ nodes }) => ({ engine, nodes: nodes.map((n) => ({ engine, ...n })) }),
        (error: unknown) => ({ engine, nodes: [], error: errorPayloadOf(error) }),
      ),
    ),
  );
  const nodes = listings.flatMap((listing) => listing.nodes);
  if (args.json) io.out(JSON.stringify(nodes, null, 2));
  else if (engines.length === 0) io.out('No engine runs Swarm services.');
  else if (nodes.length > 0)
    io.out(
      table(
        [
          'ENGINE',
          'ID',
          'HOSTNAME',
          'ROLE',
          'AVAILABILITY',
          'STATE',
          'ADDRESS',
          'CPUS',
          'MEMORY',
          'TASKS',
        ],
        nodes.map((n) => [
          n.engine,
          n.id,
          n.hostname,
          role(n),
          n.availability,
          n.state,
          n.address,
          String(n.cpus),
          binarySize(n.memoryBytes),
          String(n.runningTasks),
        ]),
      ),
    );
  const failed = listings.filter((listing) => 'error' in listing);
  for (const { engine, error } of failed) io.err(errorLine(error!, `engine ${engine}`));
  return failed.length ? 1 : 0;
};
