import { CoreError, errorPayloadOf, type ErrorPayload } from '../api/errors';
import type { Engines, EngineStatus } from './engine-registry';
import type { SavedEngines, SavedProfile } from './saved-engines';

/** A saved engine that could not be added to the registry, and why. */
export interface NotLoadedEngine {
  id: string;
  name: string;
  /** As kept in the saved engines file: addresses and file paths only. */
  profile: SavedProfile;
  error: ErrorPayload;
  /** ms epoch of the last attempt. */
  since: number;
}

/**
 * Adds the saved engines to the registry, and keeps the ones that cannot be
 * added (an id taken by a start-up engine, a key file gone, a context no
 * longer there) with the reason, so that the operator sees them and can try
 * again or remove them. They stay in the file until removed, so that they
 * come back once the cause is fixed.
 */
export class NotLoadedEngines {
  private readonly failed = new Map<string, NotLoadedEngine>();

  constructor(
    private readonly registry: Pick<Engines, 'add'>,
    private readonly saved: SavedEngines,
  ) {}

  /**
   * Adds every saved engine; a failure is kept and also said on stderr, for
   * serve mode and the command line, with its error code as their error lines have it.
   */
  addSaved(): void {
    for (const profile of this.saved.list()) {
      try {
        this.registry.add(profile);
      } catch (error) {
        const { id, error: reason } = this.keep(profile, error);
        console.error(
          `remoteapp-admin: ${reason.code}: saved engine "${id}" not loaded: ${reason.message}`,
        );
      }
    }
  }

  list(): NotLoadedEngine[] {
    return [...this.failed.values()];
  }

  has(id: string): boolean {
    return this.failed.has(id);
  }

  /** Tries to add a not-loaded engine again: its status once added, else the reason, kept as its new one. */
  retry(id: string): EngineStatus {
    const entry = this.entry(id);
    try {
      const status = this.registry.add(entry.profile);
      this.failed.delete(id);
      return status;
    } catch (error) {
      this.keep(entry.profile, error);
      throw error;
    }
  }

  /** Drops a not-loaded engine from the saved engines file; the registry is left as it is. */
  remove(id: string): void {
    this.entry(id);
    this.saved.remove(id);
    this.failed.delete(id);
  }

  /** An engine added under this id replaced the saved profile that failed: whether there was one. */
  replaced(id: string): boolean {
    return this.failed.delete(id);
  }

  private keep(profile: SavedProfile, error: unknown): NotLoadedEngine {
    const entry = {
      id: profile.id,
      name: profile.name ?? profile.id,
      profile,
      error: errorPayloadOf(error),
      since: Date.now(),
    };
    this.failed.set(profile.id, entry);
    return entry;
  }

  private entry(id: string): NotLoadedEngine {
    const entry = this.failed.get(id);
    if (!entry)
      throw new CoreError('NOT_FOUND', `No saved engine "${id}" is waiting to be loaded`, {
        field: 'engine',
        reason: 'not a saved engine that failed to load',
      });
    return entry;
  }
}
