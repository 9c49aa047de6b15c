import type {
  ContainerChange,
  EngineRegistry,
  EngineStatus,
} from '../../src-core/engines/engine-registry';
import type { RealmContainer } from '../../src-core/realm/container';

/**
 * Records what a registry emits and waits for what a test expects to see,
 * failing with everything seen so far when it does not come.
 */
export function watchRegistry(registry: EngineRegistry) {
  const changes: ContainerChange[] = [];
  const statuses: EngineStatus[] = [];
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  const offContainer = registry.onContainer((c) => {
    changes.push(c);
    wake();
  });
  const offEngine = registry.onEngine((s) => {
    statuses.push(s);
    wake();
  });

  async function until<T>(what: string, find: () => T | undefined, timeoutMs: number): Promise<T> {
    const found = find();
    if (found !== undefined) return found;
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = find();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `timed out waiting for ${what}; changes: ${JSON.stringify(
              changes.map((c) => [
                c.engineId,
                c.kind,
                c.kind === 'removed' ? c.id : c.container.state,
              ]),
            )}; statuses: ${JSON.stringify(statuses.map((s) => [s.id, s.state, s.lastError]))}`,
          ),
        );
      }, timeoutMs);
      // Conditions on things other than emissions (a relay's streams) are polled too.
      const poll = setInterval(check, 50);
      const done = () => {
        clearTimeout(timer);
        clearInterval(poll);
        waiters.delete(check);
      };
      waiters.add(check);
    });
  }

  return {
    changes,
    statuses,
    until,
    /** Whether an `added` change of this container on this engine was seen. */
    sawAdded(engineId: string, id: string) {
      return changes.some(
        (c) => c.engineId === engineId && c.kind === 'added' && c.container.id === id,
      );
    },
    /** Changes about one container, from index `from` on. */
    about(id: string, from = 0) {
      return changes
        .slice(from)
        .filter((c) => (c.kind === 'removed' ? c.id : c.container.id) === id);
    },
    change(
      what: string,
      match: (change: ContainerChange) => boolean,
      options: { from?: number; timeoutMs?: number } = {},
    ) {
      return until(
        what,
        () => changes.slice(options.from ?? 0).find(match),
        options.timeoutMs ?? 15_000,
      );
    },
    /** Waits until the engine's current status is in `state`. */
    state(engineId: string, state: EngineStatus['state'], timeoutMs = 30_000) {
      return until(
        `engine ${engineId} to be ${state}`,
        () => registry.statuses().find((s) => s.id === engineId && s.state === state),
        timeoutMs,
      );
    },
    /** Waits until some emitted status of the engine, from index `from`, was in `state`. */
    passedThrough(engineId: string, state: EngineStatus['state'], from = 0, timeoutMs = 30_000) {
      return until(
        `engine ${engineId} to pass through ${state}`,
        () => statuses.slice(from).find((s) => s.id === engineId && s.state === state),
        timeoutMs,
      );
    },
    /** The engine's containers as the emitted changes leave them. */
    containers(engineId: string): RealmContainer[] {
      const known = new Map<string, RealmContainer>();
      for (const c of changes)
        if (c.engineId !== engineId) continue;
        else if (c.kind === 'removed') known.delete(c.id);
        else known.set(c.container.id, c.container);
      return [...known.values()];
    },
    stop() {
      offContainer();
      offEngine();
    },
  };
}
