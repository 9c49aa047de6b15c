import { engineUnreachable, type EngineLabel } from '../docker/docker-error';
import type { StartRequest } from '../realm/start-request';
import { CoreError, isCoreError } from '../api/errors';
import { ContainerManager, type ContainerManagerOptions } from '../realm/container-manager';

function named(engine: EngineLabel, error: unknown): never {
  if (isCoreError(error, 'ENGINE_UNREACHABLE') && error.details.engineId === undefined)
    throw engineUnreachable(
      engine,
      error.message.replace(/^Docker engine unreachable while /, 'while '),
      error.details.cause as string | undefined,
    );
  throw error;
}

/** The realm's container manager on one engine of the registry; its unreachable errors name the engine. */
export class EngineManager extends ContainerManager {
  constructor(
    private readonly engine: EngineLabel,
    options: ContainerManagerOptions,
  ) {
    super(options);
  }

  override startContainer(request: StartRequest) {
    return super.startContainer(request).catch((error) => named(this.engine, error));
  }

  override previewContainer(request: StartRequest) {
    return super.previewContainer(request).catch((error) => named(this.engine, error));
  }

  override stopAndRemoveContainer(id: string) {
    return super.stopAndRemoveContainer(id).catch((error) => named(this.engine, error));
  }

  override containersFromFilters(filters: Record<string, string[]>) {
    return super.containersFromFilters(filters).catch((error) => named(this.engine, error));
  }

  override image(nameOrId: string) {
    return super.image(nameOrId).catch((error) => named(this.engine, error));
  }
}
