import { describe, expect, it } from 'vitest';
import { calls } from '../../src-core/api/contract';
import { STATS_INTERVAL } from '../../src-core/api/stats';
import { parseOrThrow } from '../../src-core/api/validation';

const watch = calls['stats.watch'].request;

function refusal(input: unknown) {
  try {
    parseOrThrow(watch, input);
  } catch (error) {
    return (error as { code: string; details: unknown }).details;
  }
  throw new Error('accepted');
}

describe('stats.watch', () => {
  it('samples every 2 s unless told, on every engine unless one is named', () => {
    expect(parseOrThrow(watch, { watchId: 'w' })).toEqual({ watchId: 'w', intervalSeconds: 2 });
    expect(STATS_INTERVAL.defaultSeconds).toBe(2);
    expect(parseOrThrow(watch, { watchId: 'w', engine: 'gpu-1', intervalSeconds: 0.5 })).toEqual({
      watchId: 'w',
      engine: 'gpu-1',
      intervalSeconds: 0.5,
    });
  });

  it('refuses an interval out of its bounds, naming the field', () => {
    expect(refusal({ watchId: 'w', intervalSeconds: 0.1 })).toEqual({
      field: 'intervalSeconds',
      reason: 'must be at least 0.5',
    });
    expect(refusal({ watchId: 'w', intervalSeconds: 3600 })).toEqual({
      field: 'intervalSeconds',
      reason: 'must be at most 60',
    });
    expect(refusal({ watchId: 'w', intervalSeconds: '2' })).toEqual({
      field: 'intervalSeconds',
      reason: 'must be a number',
    });
  });

  it('takes a watch id chosen by the caller, as a log follow does', () => {
    expect(refusal({ watchId: 'a b' })).toMatchObject({ field: 'watchId' });
    expect(refusal({})).toEqual({ field: 'watchId', reason: 'is required' });
  });
});
