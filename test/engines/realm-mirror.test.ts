import { describe, expect, it } from 'vitest';
import { mappingKey, RealmMirror, type MirrorChange } from '../../src-core/engines/realm-mirror';
import { realmContainer } from '../support/realm-container';

const container = realmContainer;

const exited = (id: string) =>
  container(id, { state: 'exited', status: 'Exited (0) 1 second ago', port: null });

/** A mirror and every change it emitted, in order. */
function mirror() {
  const changes: MirrorChange[] = [];
  const m = new RealmMirror((change) => changes.push(change));
  /** The changes since the last call, as `kind id state`. */
  const drain = () =>
    changes
      .splice(0)
      .map((c) =>
        c.kind === 'removed'
          ? `removed ${c.id}`
          : `${c.kind} ${c.container.id} ${c.container.state}`,
      );
  return { m, drain };
}

describe('RealmMirror: stamps order overlapping reads', () => {
  it('gives each read a later stamp than the one before', () => {
    const { m } = mirror();
    const a = m.stamp();
    expect(m.stamp()).toBeGreaterThan(a);
  });

  it('keeps what a newer event told when an older resync lands after it', () => {
    const { m, drain } = mirror();
    m.reconcile([container('a')], m.stamp());
    drain();
    // A resync asks, then a die event's read asks and lands first.
    const resync = m.stamp();
    m.apply('a', exited('a'), m.stamp());
    m.reconcile([container('a')], resync);
    expect(m.containers()).toEqual([exited('a')]);
    expect(drain()).toEqual(['changed a exited']);
  });

  it('does not bring back a container a newer event removed, nor drop one a newer event added', () => {
    const { m, drain } = mirror();
    m.reconcile([container('gone')], m.stamp());
    drain();
    const resync = m.stamp();
    m.apply('gone', null, m.stamp());
    m.apply('new', container('new'), m.stamp());
    // Listed before the destroy and before the create.
    m.reconcile([container('gone')], resync);
    expect(m.containers().map((c) => c.id)).toEqual(['new']);
    expect(drain()).toEqual(['removed gone', 'added new running']);
  });

  it('lets a resync asked after an event correct it', () => {
    const { m, drain } = mirror();
    m.apply('a', exited('a'), m.stamp());
    m.reconcile([container('a')], m.stamp());
    expect(m.containers()).toEqual([container('a')]);
    expect(drain()).toEqual(['added a exited', 'changed a running']);
  });

  it('drops a per-container read older than the one already applied', () => {
    const { m, drain } = mirror();
    const older = m.stamp();
    m.apply('a', exited('a'), m.stamp());
    m.apply('a', container('a'), older);
    expect(m.containers()).toEqual([exited('a')]);
    expect(drain()).toEqual(['added a exited']);
  });
});

describe('RealmMirror: reconcile', () => {
  it('emits what was added, changed and removed, and nothing for what stayed the same', () => {
    const { m, drain } = mirror();
    m.reconcile([container('a'), container('b'), container('c')], m.stamp());
    expect(drain()).toEqual(['added a running', 'added b running', 'added c running']);
    m.reconcile([container('a'), exited('b'), container('d')], m.stamp());
    expect(drain()).toEqual(['changed b exited', 'added d running', 'removed c']);
    m.reconcile([container('a'), exited('b'), container('d')], m.stamp());
    expect(drain()).toEqual([]);
  });

  it('counts a status that only says how long ago as no change', () => {
    const { m, drain } = mirror();
    m.reconcile([container('a', { status: 'Up Less than a second' })], m.stamp());
    drain();
    m.reconcile([container('a', { status: 'Up 3 minutes' })], m.stamp());
    m.reconcile([container('a', { status: 'Up About an hour' })], m.stamp());
    expect(drain()).toEqual([]);
    m.reconcile(
      [container('a', { status: 'Up About an hour (Paused)', state: 'paused' })],
      m.stamp(),
    );
    expect(drain()).toEqual(['changed a paused']);
  });

  it('leaves alone what the stale check says the listing lags behind', () => {
    const { m, drain } = mirror();
    m.reconcile([container('a'), container('b')], m.stamp());
    m.apply('a', exited('a'), m.stamp());
    drain();
    // The listing still shows `a` running and no longer shows `b`; both lag behind events.
    m.reconcile([container('a')], m.stamp(), () => true);
    expect(m.containers()).toEqual([exited('a'), container('b')]);
    expect(drain()).toEqual([]);
  });

  it('counts the containers of each (user, mapping id) as they come and go', () => {
    const { m } = mirror();
    m.reconcile([container('a'), container('b'), container('c', { user: 'ben' })], m.stamp());
    expect(m.countOf(mappingKey('ann', 'm'))).toBe(2);
    expect(m.countOf(mappingKey('ben', 'm'))).toBe(1);
    m.reconcile([container('b', { mappingId: 'other' })], m.stamp());
    expect(m.countOf(mappingKey('ann', 'm'))).toBe(0);
    expect(m.countOf(mappingKey('ann', 'other'))).toBe(1);
    expect(m.countOf(mappingKey('ben', 'm'))).toBe(0);
  });
});

describe('RealmMirror: patch', () => {
  it('changes a known container as an event says, and is undone by no older read', () => {
    const { m, drain } = mirror();
    m.reconcile([container('a')], m.stamp());
    drain();
    const resync = m.stamp();
    m.patch('a', (known) => ({ ...known, state: 'exited', port: null }), m.stamp());
    m.reconcile([container('a')], resync);
    expect(m.containers()).toEqual([container('a', { state: 'exited', port: null })]);
    expect(drain()).toEqual(['changed a exited']);
  });

  it('does nothing for a container it does not know', () => {
    const { m, drain } = mirror();
    m.patch('unknown', () => container('unknown'), m.stamp());
    expect(m.has('unknown')).toBe(false);
    expect(drain()).toEqual([]);
  });
});

describe('RealmMirror: clear', () => {
  it('tells that each container is gone, and forgets everything', () => {
    const { m, drain } = mirror();
    m.reconcile([container('a'), container('b')], m.stamp());
    drain();
    m.clear();
    expect(drain()).toEqual(['removed a', 'removed b']);
    expect(m.size).toBe(0);
    expect(m.countOf(mappingKey('ann', 'm'))).toBe(0);
  });
});
