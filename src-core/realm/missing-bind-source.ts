import { CoreError } from '../api/errors';
import { dockerMessage, dockerStatus } from '../docker/docker-error';
import type { VolumeSpec } from './start-request';

const REFUSAL = 'bind source path does not exist: ';

/**
 * The source among `binds` that the engine refused because it does not exist
 * on the engine's machine, when that is why a create (or a start) failed.
 * Docker answers 400 `invalid mount config for type "bind": bind source path
 * does not exist: <source>`, naming only the first such source of a request.
 */
export function missingBindSource(
  error: unknown,
  binds: readonly VolumeSpec[],
): string | undefined {
  if (dockerStatus(error) !== 400) return undefined;
  const message = dockerMessage(error);
  return binds.find((v) => message.endsWith(`${REFUSAL}${v.source}`))?.source;
}

/**
 * A start the engine refused because a bind source it accepted at the create
 * is gone (Docker checks the sources again at the start): VALIDATION naming
 * that volume as the start request names it.
 */
export function vanishedBindSource(
  error: unknown,
  volumes: readonly VolumeSpec[],
  mounted: readonly VolumeSpec[],
): CoreError | undefined {
  const source = missingBindSource(error, mounted);
  if (source === undefined) return undefined;
  const i = volumes.findIndex((v) => v.source === source);
  return CoreError.validation(
    `volumes[${i}].source`,
    `"${source}" existed when the container was created but vanished before its start`,
  );
}
