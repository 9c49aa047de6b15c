import { CoreError } from '../api/errors';
import type { RealmContainer } from '../realm/container';
import type { EngineStatus } from './engine';
import type { LaunchKey } from './engine-load';

/**
 * Why engine "any" refuses a launch: an engine that is not connected holds
 * that user's container of that mapping id, so a launch elsewhere would give
 * the user two once it is back (and the seed's own lookup MULTIPLE_RESULTS).
 */
export function heldOffline(
  engine: EngineStatus,
  { user, mappingId }: LaunchKey,
  container: RealmContainer | undefined,
): CoreError {
  const app = container
    ? `"${container.image}" (mapping id ${mappingId})`
    : `mapping id ${mappingId}`;
  const why = engine.lastError ? `${engine.state}: ${engine.lastError}` : engine.state;
  return new CoreError(
    'ENGINE_UNREACHABLE',
    `${user} has a container of ${app} on engine "${engine.name}", which is ${why}. ` +
      `A launch on "any" now would leave ${user} with two: wait for "${engine.name}" to ` +
      'reconnect, or choose an engine explicitly.',
    {
      field: 'engine',
      reason: 'the engine holding this container is not connected',
      engineId: engine.id,
      engine: engine.name,
      user,
      mappingId,
      ...(container && { container: container.id }),
    },
  );
}
