import { describe, expect, it } from 'vitest';
import { probePause } from '../../src-core/proxy/probe-schedule';

describe('the readiness probe schedule', () => {
  it('polls every 10 ms during the first second', () => {
    for (const elapsed of [0, 1, 250, 999]) expect(probePause(elapsed)).toBe(10);
  });

  it('then pauses a tenth of the wait so far, so an app is found at most 10% late', () => {
    expect(probePause(1000)).toBe(100);
    expect(probePause(2500)).toBe(250);
  });

  it('never pauses more than a second', () => {
    expect(probePause(10_000)).toBe(1000);
    expect(probePause(600_000)).toBe(1000);
  });

  it('probes an app that never answers fewer than 200 times in a minute (a pause of 100 ms: 600)', () => {
    let elapsed = 0;
    let probes = 0;
    while (elapsed < 60_000) {
      probes++;
      elapsed += probePause(elapsed);
    }
    expect(probes).toBeLessThan(200);
  });
});
