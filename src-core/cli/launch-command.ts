import type { Request } from '../api/contract';
import type { Command } from './cli-io';
import { UsageError } from './usage';

/** `launch`: one image for one user, on `--engine` or on any engine. */
export const launchCommand: Command = async ({ args, client, io }) => {
  if (args.user === undefined) throw new UsageError('--user', 'is required');
  if (args.image === undefined) throw new UsageError('--image', 'is required');
  const request: Request<'containers.launch'> = {
    engine: args.engine ?? 'any',
    user: args.user,
    image: args.image,
    ...(args.mappingId !== undefined && { mappingId: args.mappingId }),
    ...(args.baseUrlpath !== undefined && { baseUrlpath: args.baseUrlpath }),
    ...(args.volumes.length > 0 && {
      volumes: args.volumes as Request<'containers.launch'>['volumes'],
    }),
    ...(Object.keys(args.environment).length > 0 && { environment: args.environment }),
    ...(args.cpus !== undefined && { cpus: args.cpus }),
    ...(args.memory !== undefined && { memory: args.memory }),
    ...(args.constraints.length > 0 && { constraints: args.constraints }),
  };
  const { container, skippedVolumes } = await client.call('containers.launch', request);
  for (const v of skippedVolumes)
    io.err(`remoteapp-admin: warning: ${v.source} does not exist; not mounted at ${v.target}`);
  if (args.json) io.out(JSON.stringify({ ...container, skippedVolumes }, null, 2));
  else
    io.out(
      `Started ${container.id.slice(0, 12)} (${container.image}) for ${container.user} on ${container.engine}: ${container.url ?? 'no URL'}`,
    );
  return 0;
};
