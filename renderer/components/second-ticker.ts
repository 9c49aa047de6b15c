/**
 * One ticker for every cell that shows a time going by: it runs once a
 * second while any cell listens, and each cell re-renders only when its own
 * text changes (a row a minute old changes once a minute, one under a
 * minute every second).
 */
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

export function subscribeSeconds(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l()), 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0 || !timer) return;
    clearInterval(timer);
    timer = null;
  };
}

/** The current second, in milliseconds: the same value for every cell within one tick. */
export function currentSecondMs(): number {
  return Math.floor(Date.now() / 1000) * 1000;
}
