import type { Command } from './cli-io';
import { containerTargets } from './container-targets';
import { errorLine } from './error-line';
import { UsageError } from './usage';

/**
 * `relaunch ID... | --all-exited`: launches each container again as it was
 * made, replacing it; exit 1 if any could not be, or if an engine did not
 * answer (its exited containers were not seen).
 */
export const relaunchCommand: Command = async ({ args, client, io }) => {
  if (args.allExited === args.positionals.length > 0)
    throw new UsageError('ID', 'name the containers, or give --all-exited (one of the two)');
  const answer = await client.call(
    'containers.relaunch',
    args.allExited ? { allExited: true } : { targets: await containerTargets(args, client) },
  );
  const { results, unreachable } = answer;
  if (args.json) io.out(JSON.stringify(answer, null, 2));
  else if (results.length === 0)
    io.out(
      unreachable.length
        ? 'No exited containers on the engines that answered.'
        : 'No exited containers in this realm.',
    );
  for (const r of results) {
    if (!r.ok) io.err(errorLine(r.error, r.id));
    else if (!args.json)
      io.out(
        `Relaunched ${r.id.slice(0, 12)} as ${r.container.id.slice(0, 12)} for ${r.container.user}${r.container.url ? `: ${r.container.url}` : ''}`,
      );
  }
  for (const { engine, error } of unreachable) io.err(errorLine(error, `engine ${engine}`));
  return results.every((r) => r.ok) && unreachable.length === 0 ? 0 : 1;
};
