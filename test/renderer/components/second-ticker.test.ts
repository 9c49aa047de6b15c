import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { subscribeSeconds } from '../../../renderer/components/second-ticker';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the shared ticker of the uptime cells', () => {
  it('is one timer however many cells listen, telling each once a second, gone with the last', () => {
    const heard = Array.from({ length: 1000 }, () => 0);
    const stops = heard.map((_, i) => subscribeSeconds(() => heard[i]!++));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(new Set(heard)).toEqual(new Set([1]));
    vi.advanceTimersByTime(1000);
    expect(new Set(heard)).toEqual(new Set([2]));
    stops.forEach((stop) => stop());
    expect(vi.getTimerCount()).toBe(0);
  });
});
