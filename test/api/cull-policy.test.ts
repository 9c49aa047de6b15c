import { describe, expect, it } from 'vitest';
import {
  cullPolicy,
  formatDuration,
  isExempt,
  parseDuration,
} from '../../src-core/api/cull-policy';
import { calls } from '../../src-core/api/contract';
import { CoreError } from '../../src-core/api/errors';
import { parseOrThrow } from '../../src-core/api/validation';

/** The VALIDATION error a value gets, as the host would send it. */
function refusal(schema: Parameters<typeof parseOrThrow>[0], value: unknown) {
  try {
    parseOrThrow(schema, value);
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    return (error as CoreError).toPayload();
  }
  throw new Error(`accepted: ${JSON.stringify(value)}`);
}

describe('cull durations', () => {
  it('reads seconds, minutes, hours, days and units together, largest first', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('2h')).toBe(7200);
    expect(parseDuration('1d')).toBe(86_400);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('365d')).toBe(365 * 86_400);
  });

  it('refuses what is not one', () => {
    for (const bad of ['', '15', 'm', '1.5h', '-5m', '5x', '15 m', '30m1h', '0s', '366d', '2H'])
      expect(parseDuration(bad), bad).toBeNull();
  });

  it('writes seconds back in the form it reads', () => {
    for (const seconds of [1, 59, 90, 3600, 5400, 90_061]) {
      const text = formatDuration(seconds);
      expect(parseDuration(text), text).toBe(seconds);
    }
    expect(formatDuration(5400)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
  });
});

describe('the cull policy', () => {
  it('culls nothing by default', () => {
    expect(parseOrThrow(cullPolicy, {})).toEqual({
      idleFor: null,
      exemptUsers: [],
      exemptApplications: [],
      removeExitedAfter: null,
    });
  });

  it('refuses a bad duration with VALIDATION naming the field', () => {
    expect(refusal(cullPolicy, { idleFor: '15' })).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'idleFor' },
    });
    expect(refusal(cullPolicy, { idleFor: '2h', removeExitedAfter: 'soon' })).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'removeExitedAfter' },
    });
    expect(refusal(cullPolicy, { exemptUsers: ['ann', ''] })).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'exemptUsers[1]' },
    });
    expect(refusal(cullPolicy, { idleFor: '2h', often: true }).details.field).toBe('often');
  });

  it('names the field through the contract too: the policy and a run', () => {
    const configure = calls['cull.configure'].request;
    expect(refusal(configure, { policy: { idleFor: '1.5h' } }).details.field).toBe(
      'policy.idleFor',
    );
    expect(refusal(calls['cull.run'].request, { idleFor: 'forever' }).message).toMatch(
      /^idleFor: must be a duration such as 90s, 15m, 2h/,
    );
  });

  it('spares the users and applications it names, and only those', () => {
    const policy = parseOrThrow(cullPolicy, {
      idleFor: '15m',
      exemptUsers: ['ann'],
      exemptApplications: ['simphony/paraview', 'registry:5000/tools/vnc:2.1'],
    });
    expect(isExempt(policy, { user: 'ann', image: 'any/app:1' })).toBe(true);
    expect(isExempt(policy, { user: 'bob', image: 'simphony/paraview:latest' })).toBe(true);
    expect(isExempt(policy, { user: 'bob', image: 'simphony/paraview' })).toBe(true);
    expect(isExempt(policy, { user: 'bob', image: 'registry:5000/tools/vnc:2.1' })).toBe(true);
    expect(isExempt(policy, { user: 'bob', image: 'simphony/paraview:5.9' })).toBe(false);
    expect(isExempt(policy, { user: 'bob', image: 'registry:5000/tools/vnc' })).toBe(false);
    expect(isExempt(policy, { user: 'annie', image: 'any/app:1' })).toBe(false);
  });
});
