import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeForName } from '../../src-core/realm/escape';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/escapism.json', import.meta.url), 'utf8'),
) as {
  vectors: Array<{ input: string; escaped: string }>;
};

describe('escapeForName (Python escapism as the seed calls it)', () => {
  it('has the vectors the real library produced', () => {
    expect(fixture.vectors.length).toBeGreaterThanOrEqual(29);
  });

  it.each(fixture.vectors.map((v) => [JSON.stringify(v.input), v.input, v.escaped]))(
    'escapes %s exactly as escapism does',
    (_label, input, escaped) => {
      expect(escapeForName(input)).toBe(escaped);
    },
  );
});
