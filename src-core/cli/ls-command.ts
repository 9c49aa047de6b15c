import type { ContainerView } from '../api/containers';
import type { Command } from './cli-io';
import { errorLine } from './error-line';
import { table } from './table';

/**
 * `ls`: every realm container of every engine (or of `--engine`), as a table
 * or as JSON. An engine that did not answer, or a saved engine that could not
 * be loaded (said on stderr at start, with its error code), makes it exit 1:
 * the list is then incomplete, never shown as if it were whole.
 */
export const lsCommand: Command = async ({ args, client, io }) => {
  const { notLoaded } = await client.call('engines.list', {});
  const missing = notLoaded.filter((e) => args.engine === undefined || e.id === args.engine);
  const { engines } =
    args.engine !== undefined && missing.length > 0
      ? { engines: [] }
      : await client.call(
          'containers.list',
          args.engine !== undefined ? { engine: args.engine } : {},
        );
  const containers: ContainerView[] = engines.flatMap((listing) => listing.containers);
  const failed = engines.filter((listing) => listing.error);
  const answered = engines.filter((listing) => !listing.error).map((listing) => listing.engine);
  if (args.json) io.out(JSON.stringify(containers, null, 2));
  else if (containers.length === 0) {
    // Only what was checked: an engine that did not answer may hold containers.
    if (!failed.length && !missing.length) io.out('No containers in this realm.');
    else if (answered.length) io.out(`No containers on ${answered.join(', ')}, which answered.`);
  } else {
    // A Swarm engine's rows say which node runs each; plain containers need no such column.
    const nodes = containers.some((c) => c.node !== null);
    io.out(
      table(
        ['ENGINE', 'ID', 'USER', 'MAPPING ID', 'IMAGE', 'STATE', ...(nodes ? ['NODE'] : []), 'URL'],
        containers.map((c) => [
          c.engine,
          c.id.slice(0, 12),
          c.user,
          c.mappingId,
          c.image,
          c.state,
          ...(nodes ? [c.node ?? '-'] : []),
          c.url ?? '-',
        ]),
      ),
    );
  }
  for (const { engine, error } of failed) io.err(errorLine(error!, `engine ${engine}`));
  return failed.length || missing.length ? 1 : 0;
};
