import { mappingKey, type RealmMirror } from './realm-mirror';

/** Who a launch is for: the seed replaces that user's container of that mapping id. */
export interface LaunchKey {
  user: string;
  mappingId: string;
}

/**
 * How loaded one engine is for launches: its realm containers as the live
 * mirror knows them, and the launches on their way to it, which the mirror
 * shows only once the events stream reports their containers. A launch in
 * flight counts once for its (user, mapping id), whether the container it
 * replaces is still there or the one it makes is already listed.
 */
export class EngineLoad {
  constructor(
    private readonly mirror: Pick<RealmMirror, 'size' | 'countOf'>,
    private readonly inFlight = new Map<string, number>(),
  ) {}

  /** The containers it holds, with each launch in flight in place of what it replaces. */
  get count(): number {
    let replaced = 0;
    for (const key of this.inFlight.keys()) replaced += this.mirror.countOf(key);
    return this.mirror.size - replaced + this.inFlight.size;
  }

  /** Whether it holds, or is starting, a container of this user for this mapping id. */
  holds({ user, mappingId }: LaunchKey): boolean {
    const key = mappingKey(user, mappingId);
    return this.inFlight.has(key) || this.mirror.countOf(key) > 0;
  }

  /** Counts a launch until the returned release is called (once is enough; more do nothing). */
  reserve({ user, mappingId }: LaunchKey): () => void {
    const key = mappingKey(user, mappingId);
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.inFlight.get(key)! - 1;
      if (left) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    };
  }

  /** A copy to plan on: what it reserves does not count here. */
  fork(): EngineLoad {
    return new EngineLoad(this.mirror, new Map(this.inFlight));
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
