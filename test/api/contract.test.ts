import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CALL_NAMES, EVENT_NAMES, calls, events, isCallName } from '../../src-core/api/contract';
import { fieldPath, parseOrThrow } from '../../src-core/api/validation';
import { CoreError } from '../../src-core/api/errors';

describe('the contract', () => {
  it('names every call and event <domain>.<name>, once', () => {
    for (const name of [...CALL_NAMES, ...EVENT_NAMES]) expect(name).toMatch(/^[a-z]+\.[A-Za-z]+$/);
    expect(new Set(CALL_NAMES).size).toBe(CALL_NAMES.length);
    expect(CALL_NAMES).toEqual(
      expect.arrayContaining([
        'containers.launch',
        'containers.stop',
        'engines.list',
        'images.list',
      ]),
    );
    expect(EVENT_NAMES).toEqual(
      expect.arrayContaining(['containers.changed', 'engines.changed', 'operations.progress']),
    );
  });

  it('makes every request a strict object: unknown fields are refused, never dropped', () => {
    for (const name of CALL_NAMES) {
      const schema = calls[name].request as z.ZodType;
      const result = schema.safeParse({ unexpected: true });
      expect(result.success, name).toBe(false);
      expect(
        result.error!.issues.some((i) => i.code === 'unrecognized_keys'),
        name,
      ).toBe(true);
    }
  });

  it('gives every call and event a response or payload schema', () => {
    for (const name of CALL_NAMES) expect(calls[name].response, name).toBeInstanceOf(z.ZodType);
    for (const name of EVENT_NAMES) expect(events[name].payload, name).toBeInstanceOf(z.ZodType);
  });

  it('knows its own names only', () => {
    expect(isCallName('containers.list')).toBe(true);
    for (const name of ['toString', '__proto__', 'constructor', 'containers', '', 42])
      expect(isCallName(name), String(name)).toBe(false);
  });
});

describe('validation errors name the field as the UI shows it', () => {
  it('writes paths with indexes and dots', () => {
    expect(fieldPath(['volumes', 0, 'source'])).toBe('volumes[0].source');
    expect(fieldPath(['targets', 12, 'id'])).toBe('targets[12].id');
    expect(fieldPath(['environment', 'HOME'])).toBe('environment.HOME');
    expect(fieldPath([])).toBe('');
  });

  it('says what is wrong: missing, wrong type, unknown, too long', () => {
    const schema = z.strictObject({
      user: z.string().max(3, 'must be at most 3 characters'),
      n: z.number(),
    });
    const error = (value: unknown) => {
      try {
        parseOrThrow(schema, value);
      } catch (e) {
        return (e as CoreError).toPayload();
      }
      throw new Error('accepted');
    };
    expect(error({ n: 1 })).toEqual({
      code: 'VALIDATION',
      message: 'user: is required',
      details: { field: 'user', reason: 'is required' },
    });
    expect(error({ user: 5, n: 1 }).message).toBe('user: must be a string');
    expect(error({ user: 'a', n: 1, extra: 1 }).message).toBe('extra: is not a known field');
    expect(error({ user: 'abcd', n: 1 }).message).toBe('user: must be at most 3 characters');
    expect(error(null).message).toBe('request: must be an object');
  });
});
