import type { RealmContainer } from '../realm/container';

export type MirrorChange =
  { kind: 'added' | 'changed'; container: RealmContainer } | { kind: 'removed'; id: string };

/** Docker's status says how long ago; that alone is no change worth sending. */
const AGE =
  /\s*(Less than a second|About an? (second|minute|hour)|\d+ (second|minute|hour|day|week|month|year)s?)( ago)?/g;

/** A (user, mapping id) pair as one string: what the seed replaces on a start. */
export function mappingKey(user: string, mappingId: string): string {
  return `${user}\0${mappingId}`;
}

function sameListing(a: RealmContainer, b: RealmContainer): boolean {
  for (const key of Object.keys(a) as Array<keyof RealmContainer>)
    if (key !== 'status' && a[key] !== b[key]) return false;
  return a.status === b.status || a.status.replace(AGE, '') === b.status.replace(AGE, '');
}

/**
 * What we know of one engine's realm, patched by per-container refreshes and
 * whole-list resyncs that may overlap. Each read is stamped when it was asked
 * for; a read older than what a container already reflects is dropped, so a
 * slow resync never undoes a newer event.
 */
export class RealmMirror {
  private readonly known = new Map<string, RealmContainer>();
  private readonly stamps = new Map<string, number>();
  /** How many known containers each (user, mapping id) has, so a launch finds them without a scan. */
  private readonly mappings = new Map<string, number>();
  private clock = 0;

  constructor(private readonly emit: (change: MirrorChange) => void) {}

  /** A stamp to take just before asking the engine. */
  stamp(): number {
    return ++this.clock;
  }

  get size(): number {
    return this.known.size;
  }

  has(id: string): boolean {
    return this.known.has(id);
  }

  containers(): RealmContainer[] {
    return [...this.known.values()];
  }

  /** How many known containers a user has for a mapping id (a `mappingKey`). */
  countOf(key: string): number {
    return this.mappings.get(key) ?? 0;
  }

  /** One container as read at `stamp`: null when the engine no longer has it. */
  apply(id: string, container: RealmContainer | null, stamp: number): void {
    if ((this.stamps.get(id) ?? 0) > stamp) return;
    this.stamps.set(id, stamp);
    const before = this.known.get(id);
    if (before) this.count(before, -1);
    if (!container) {
      if (before && this.known.delete(id)) this.emit({ kind: 'removed', id });
      return;
    }
    this.known.set(id, container);
    this.count(container, 1);
    if (!before) this.emit({ kind: 'added', container });
    else if (!sameListing(before, container)) this.emit({ kind: 'changed', container });
  }

  /** A known container changed as an event says, before the engine's listing shows it. */
  patch(id: string, change: (known: RealmContainer) => RealmContainer, stamp: number): void {
    const known = this.known.get(id);
    if (known) this.apply(id, change(known), stamp);
  }

  /**
   * The whole realm as listed at `stamp`: emits only the differences. `stale`
   * says which reads lag behind what an event already told.
   */
  reconcile(
    listed: RealmContainer[],
    stamp: number,
    stale: (id: string, container: RealmContainer | null) => boolean = () => false,
  ): void {
    const seen = new Set<string>();
    for (const container of listed) {
      seen.add(container.id);
      if (!stale(container.id, container)) this.apply(container.id, container, stamp);
    }
    for (const id of [...this.known.keys()])
      if (!seen.has(id) && !stale(id, null)) this.apply(id, null, stamp);
    // Stamps of containers gone by this read are no longer needed to order anything.
    for (const [id, at] of this.stamps)
      if (at <= stamp && !this.known.has(id)) this.stamps.delete(id);
  }

  private count({ user, mappingId }: RealmContainer, by: 1 | -1): void {
    const key = mappingKey(user, mappingId);
    const n = (this.mappings.get(key) ?? 0) + by;
    if (n) this.mappings.set(key, n);
    else this.mappings.delete(key);
  }

  /** Forgets everything, telling listeners that each container is gone from view. */
  clear(): void {
    for (const id of [...this.known.keys()]) this.apply(id, null, this.stamp());
    this.stamps.clear();
  }
}
