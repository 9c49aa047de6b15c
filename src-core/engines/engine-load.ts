import { mappingKey, type RealmMirror } from './realm-mirror';

/** Who a launch is for: the seed replaces that user's container of that mapping id. */
export interface LaunchKey {
  user: string;
  mappingId: string;
}

/**
 * How long at most a launch that made its container is still counted apart
 * while the mirror does not list that container: an event lost, or a
 * container removed before it was ever listed, must not count for ever.
 */
const SEEN_WITHIN_MS = 10_000;

/**
 * Ends a launch's count on its engine. With the id of the container the
 * launch made, it counts on until the mirror lists that container (or
 * `SEEN_WITHIN_MS` passed); without, at once. Once is enough; more do nothing.
 */
export type Release = (made?: string) => void;

/**
 * How loaded one engine is for launches: its realm containers as the live
 * mirror knows them, and the launches on their way to it, which the mirror
 * shows only once the events stream reports their containers. A launch in
 * flight counts once for its (user, mapping id), whether the container it
 * replaces is still there or the one it makes is already listed.
 */
export class EngineLoad {
  /** Launches that returned, by the container each made, until the mirror lists it. */
  private readonly unseen = new Map<string, { drop: () => void; until: number }>();

  constructor(
    private readonly mirror: Pick<RealmMirror, 'size' | 'countOf' | 'has'>,
    private readonly seenWithinMs = SEEN_WITHIN_MS,
    private readonly inFlight = new Map<string, number>(),
  ) {}

  /** The containers it holds, with each launch in flight in place of what it replaces. */
  get count(): number {
    this.expire();
    let replaced = 0;
    for (const key of this.inFlight.keys()) replaced += this.mirror.countOf(key);
    return this.mirror.size - replaced + this.inFlight.size;
  }

  /** Whether it holds, or is starting, a container of this user for this mapping id. */
  holds({ user, mappingId }: LaunchKey): boolean {
    this.expire();
    const key = mappingKey(user, mappingId);
    return this.inFlight.has(key) || this.mirror.countOf(key) > 0;
  }

  /** Counts a launch until the returned release says it failed, or its container is listed. */
  reserve({ user, mappingId }: LaunchKey): Release {
    const key = mappingKey(user, mappingId);
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    const drop = () => {
      const left = this.inFlight.get(key)! - 1;
      if (left) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    };
    let released = false;
    return (made) => {
      if (released) return;
      released = true;
      if (made && !this.mirror.has(made))
        this.unseen.set(made, { drop, until: Date.now() + this.seenWithinMs });
      else drop();
    };
  }

  /** The mirror lists container `id` now: the launch that made it is counted there. */
  seen(id: string): void {
    const launch = this.unseen.get(id);
    if (!launch) return;
    this.unseen.delete(id);
    launch.drop();
  }

  /** A copy to plan on: what it reserves does not count here. */
  fork(): EngineLoad {
    this.expire();
    return new EngineLoad(this.mirror, this.seenWithinMs, new Map(this.inFlight));
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, launch] of this.unseen) if (launch.until <= now) this.seen(id);
  }
}

/**
 * Where one launch goes among `engines` (in the order registered): the
 * engine that holds or is starting that user's container of that mapping
 * id, so that the launch replaces it there, else the least loaded one
 * (ties to the first).
 */
export function chooseEngine<T extends { load: EngineLoad }>(engines: T[], launch: LaunchKey): T {
  const holder = engines.find((e) => e.load.holds(launch));
  if (holder) return holder;
  let best = engines[0]!;
  let least = best.load.count;
  for (const engine of engines.slice(1)) {
    const count = engine.load.count;
    if (count < least) [best, least] = [engine, count];
  }
  return best;
}
