import pLimit from 'p-limit';
import { errorPayloadOf, type ErrorPayload } from '../api/errors';
import type { RealmContainer } from '../realm/container';
import type { StartResult } from '../realm/container-manager';
import type { RealmManager } from '../realm/realm-manager';
import type { StartRequest, VolumeSpec } from '../realm/start-request';
import type { LaunchKey } from './engine-load';
import type { EngineReservation } from './engine-registry';

/** What the launcher needs of the engines: where launches go, and each engine's manager. */
export interface LaunchEngines {
  reserveEngines(choice: string, launches: LaunchKey[]): EngineReservation[];
  manager(engineId: string): RealmManager;
}

/**
 * How a container is started on the engine chosen. By default the engine's
 * manager starts it; the proxy passes its own, which returns once the app
 * answers and is routed.
 */
export type Starter = (engineId: string, request: StartRequest) => Promise<StartResult>;

export interface Launched extends StartResult {
  engine: string;
}

/** One launch of a batch: who it is for, and its start request once its engine is chosen. */
export interface LaunchItem extends LaunchKey {
  /** May ask the engine first (a grant's request depends on the engine's image). */
  request: (engine: string, manager: RealmManager) => StartRequest | Promise<StartRequest>;
}

/** Where one launch of a batch is: each is `queued`, then `starting`, then `running` or `failed`. */
export type LaunchStep =
  | { state: 'queued' | 'starting'; engine: string }
  | {
      state: 'running';
      engine: string;
      container: RealmContainer;
      skippedVolumes: VolumeSpec[];
    }
  /** `engine` is null when the launch was refused before it had one. */
  | { state: 'failed'; engine: string | null; error: ErrorPayload };

export interface LaunchAllOptions {
  /** How many starts run at once (each engine's manager bounds its Docker calls as well). */
  concurrency?: number;
  /** Each step of each launch, by its index in `items`, as it happens. */
  onStep?: (index: number, step: LaunchStep) => void;
}

/**
 * The launch sequence, the one place it is written: choose the engine (the
 * one named, or per launch for "any"), reserve it, start (through the
 * starter), release. A reservation counts a launch toward its engine's load
 * from its arrival until it settles, so that launches sent at once spread;
 * one that made its container counts until the engine's mirror lists it.
 */
export class Launcher {
  private readonly start: Starter;

  constructor(
    private readonly engines: LaunchEngines,
    start?: Starter,
  ) {
    this.start = start ?? ((engine, request) => engines.manager(engine).startContainer(request));
  }

  /** One launch; its failure, a refusal included, is thrown. */
  async launch(choice: string, request: StartRequest): Promise<Launched> {
    const [reservation] = this.engines.reserveEngines(choice, [request]);
    if ('refused' in reservation!) throw reservation.refused;
    const { engine, release } = reservation!;
    let made: string | undefined;
    try {
      const result = await this.start(engine, request);
      made = result.container.id;
      return { engine, ...result };
    } finally {
      release(made);
    }
  }

  /**
   * Many launches, each one's failure its own. Every engine is chosen first,
   * in order, each reservation counting toward the next choice: the launches
   * queued behind the concurrency bound count as much as those under way.
   * A choice that no launch can take (an unknown engine, none connected)
   * throws at once, before any step is told. Resolves with each launch's
   * last step, in the order of `items`.
   */
  launchAll(
    choice: string,
    items: LaunchItem[],
    options: LaunchAllOptions = {},
  ): Promise<LaunchStep[]> {
    const reservations = this.engines.reserveEngines(choice, items);
    return this.run(reservations, items, options);
  }

  private async run(
    reservations: EngineReservation[],
    items: LaunchItem[],
    options: LaunchAllOptions,
  ): Promise<LaunchStep[]> {
    const step = (index: number, next: LaunchStep) => {
      options.onStep?.(index, next);
      return next;
    };
    const limit = pLimit(options.concurrency ?? 8);
    try {
      reservations.forEach((r, i) => {
        if (!('refused' in r)) step(i, { state: 'queued', engine: r.engine });
      });
      return await Promise.all(
        reservations.map(async (reservation, i) => {
          if ('refused' in reservation)
            return step(i, {
              state: 'failed',
              engine: null,
              error: reservation.refused.toPayload(),
            });
          const { engine, release } = reservation;
          return limit(async () => {
            step(i, { state: 'starting', engine });
            let made: string | undefined;
            try {
              const request = await items[i]!.request(engine, this.engines.manager(engine));
              const { container, skippedVolumes } = await this.start(engine, request);
              made = container.id;
              return step(i, { state: 'running', engine, container, skippedVolumes });
            } catch (error) {
              return step(i, { state: 'failed', engine, error: errorPayloadOf(error) });
            } finally {
              release(made);
            }
          });
        }),
      );
    } finally {
      // Whatever went wrong on the way, no engine keeps counting these launches.
      for (const r of reservations) if (!('refused' in r)) r.release();
    }
  }
}
