import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src-core/util/limiter';

describe('createLimiter', () => {
  it('runs up to the bound at once, queues the rest in order, and survives failures', async () => {
    const limit = createLimiter(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      order.push(i);
      active--;
      if (i === 1) throw new Error('task 1 fails');
      return i;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => limit(task(i))));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
