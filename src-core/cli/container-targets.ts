import type { ContractClient } from '../api/client';
import type { Request } from '../api/contract';
import type { CliArgs } from './cli-args';
import { UsageError } from './usage';

type Target = Request<'containers.stop'>['targets'][number];

/**
 * Each ID's engine: `--engine`; else, with saved engines beside the start-up
 * one, the engine whose realm listing has it (a full or short id, as `ls`
 * prints it); else the start-up engine, which says why it cannot act on it.
 */
export async function containerTargets(args: CliArgs, client: ContractClient): Promise<Target[]> {
  const ids = args.positionals;
  if (args.engine !== undefined) return ids.map((id) => ({ engine: args.engine!, id }));
  const { engines } = await client.call('engines.list', {});
  const startUp = engines[0]!.id;
  if (engines.length === 1) return ids.map((id) => ({ engine: startUp, id }));
  const { engines: listings } = await client.call('containers.list', {});
  return ids.map((id) => {
    const holders = listings
      .filter((listing) => listing.containers.some((c) => c.id.startsWith(id)))
      .map((listing) => listing.engine);
    if (holders.length > 1)
      throw new UsageError(
        '--engine',
        `is required: ${id} names a container on ${holders.join(' and on ')}`,
      );
    return { engine: holders[0] ?? startUp, id };
  });
}
