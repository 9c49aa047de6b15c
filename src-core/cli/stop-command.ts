import type { Command } from './cli-io';
import { containerTargets } from './container-targets';
import { errorLine } from './error-line';
import { UsageError } from './usage';

/** `stop ID...`: stops and removes each container; exit 1 if any could not be. */
export const stopCommand: Command = async ({ args, client, io }) => {
  if (args.positionals.length === 0) throw new UsageError('ID', 'name at least one container');
  const { results } = await client.call('containers.stop', {
    targets: await containerTargets(args, client),
  });
  if (args.json) io.out(JSON.stringify(results, null, 2));
  for (const result of results) {
    if (!result.ok) io.err(errorLine(result.error, result.id));
    else if (!args.json) io.out(`${result.removed ? 'Stopped' : 'Already gone:'} ${result.id}`);
  }
  return results.every((r) => r.ok) ? 0 : 1;
};
