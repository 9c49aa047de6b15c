import { EventEmitter } from 'node:events';

/**
 * Counts the listeners on every EventEmitter of this process (sockets,
 * streams, Docker's modem, WebSockets, the process itself): each emitter
 * that is given one is remembered, weakly, and summed on demand. Imported
 * first, before what it counts is loaded.
 */
const emitters = new Set<WeakRef<EventEmitter>>();
const seen = new WeakSet<EventEmitter>();

for (const name of [
  'on',
  'addListener',
  'prependListener',
  'once',
  'prependOnceListener',
] as const) {
  const add = EventEmitter.prototype[name];
  EventEmitter.prototype[name] = function (this: EventEmitter, ...args: Parameters<typeof add>) {
    if (!seen.has(this)) {
      seen.add(this);
      emitters.add(new WeakRef(this));
    }
    return add.apply(this, args);
  };
}

/** The listeners registered now on every emitter still alive, by the emitter's class. */
export function listenerCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ref of emitters) {
    const emitter = ref.deref();
    if (!emitter) {
      emitters.delete(ref);
      continue;
    }
    const kind = emitter.constructor.name;
    for (const event of emitter.eventNames())
      counts[kind] = (counts[kind] ?? 0) + emitter.listenerCount(event);
  }
  return counts;
}
