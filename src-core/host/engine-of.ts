import { CoreError, isCoreError } from '../api/errors';
import type { EngineRegistry } from '../engines/engine-registry';
import type { ContainerManager } from '../realm/container-manager';

/** The manager of the engine a request names, reported against the request's `engine` field. */
export function managerOf(registry: EngineRegistry, engine: string): ContainerManager {
  try {
    return registry.manager(engine);
  } catch (error) {
    if (isCoreError(error, 'NOT_FOUND'))
      throw new CoreError('NOT_FOUND', `engine: no engine "${engine}" is registered`, {
        field: 'engine',
        reason: 'unknown engine',
      });
    throw error;
  }
}
