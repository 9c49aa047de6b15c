import { describe, expect, it } from 'vitest';
import { containerEvent, jsonLines, listingLags } from '../../src-core/docker/docker-event';

const ID = 'a'.repeat(64);

describe('container events, old and new fields', () => {
  it('reads an event of a daemon before API 1.22 (status, id only)', () => {
    expect(containerEvent({ status: 'die', id: ID, from: 'img', time: 1 })).toEqual({
      id: ID,
      action: 'die',
    });
  });

  it('reads an event with only the new fields (Type, Action, Actor.ID) and a die exit code', () => {
    expect(
      containerEvent({
        Type: 'container',
        Action: 'die',
        Actor: { ID, Attributes: { exitCode: '137' } },
      }),
    ).toEqual({ id: ID, action: 'die', exitCode: 137 });
  });

  it('reads the action before the colon, and ignores what changes nothing listed or is no container', () => {
    expect(
      containerEvent({ Type: 'container', Action: 'health_status: healthy', Actor: { ID } }),
    ).toEqual({
      id: ID,
      action: 'health_status',
    });
    expect(
      containerEvent({ Type: 'container', Action: 'exec_start: sh -c true', Actor: { ID } }),
    ).toBeNull();
    expect(containerEvent({ Type: 'network', Action: 'connect', Actor: { ID } })).toBeNull();
    expect(containerEvent({ Type: 'container', Actor: { ID } })).toBeNull();
    expect(containerEvent('nonsense')).toBeNull();
  });

  it('splits a stream of JSON lines across chunk boundaries, skipping lines that are not JSON', () => {
    const seen: unknown[] = [];
    const feed = jsonLines((value) => seen.push(value));
    feed('{"a":1}\n{"b"');
    feed(':2}\nnot json\n');
    feed(Buffer.from('{"c":3}\n'));
    expect(seen).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('knows which listings lag behind an event', () => {
    expect(listingLags('die', 'running')).toBe(true);
    expect(listingLags('die', 'exited')).toBe(false);
    expect(listingLags('start', 'created')).toBe(true);
    expect(listingLags('create', null)).toBe(true);
    expect(listingLags('kill', 'running')).toBe(false);
  });
});
