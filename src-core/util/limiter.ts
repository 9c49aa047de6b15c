/**
 * Runs at most `max` tasks at once; the rest wait in arrival order. Keeps
 * independent Docker operations concurrent without flooding the engine.
 */
export function createLimiter(max: number) {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer');
  let active = 0;
  const queue: Array<() => void> = [];

  const release = () => {
    active--;
    queue.shift()?.();
  };

  return async function limit<T>(task: () => Promise<T>): Promise<T> {
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

export type Limiter = ReturnType<typeof createLimiter>;
