/** Listeners by event name, for the clients' transports: add one, emit to all of a name. */
export function eventListeners() {
  const byName = new Map<string, Set<(payload: unknown) => void>>();
  return {
    add(name: string, listener: (payload: unknown) => void): () => void {
      let set = byName.get(name);
      if (!set) byName.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(name: string, payload: unknown): void {
      for (const listener of byName.get(name) ?? []) listener(payload);
    },
  };
}
