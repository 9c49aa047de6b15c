import { describe, expect, it } from 'vitest';
import { calls } from '../../src-core/api/contract';
import { parseOrThrow } from '../../src-core/api/validation';

const MIB = 1024 ** 2;
const base = { user: 'ann', image: 'remoteapp-test/webapp:1' };

/** The message a launch (and its preview, which shares the fields) is refused with. */
function refusal(name: 'containers.launch' | 'containers.preview', fields: object): string {
  const request = name === 'containers.launch' ? base : { image: base.image, users: ['ann'] };
  try {
    parseOrThrow(calls[name].request, { ...request, ...fields });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe("a launch's resources and placement", () => {
  it('takes CPUs, memory in bytes and constraints, in a launch and in its preview', () => {
    const fields = { cpus: 0.5, memory: 64 * MIB, constraints: ['node.role==worker'] };
    expect(parseOrThrow(calls['containers.launch'].request, { ...base, ...fields })).toMatchObject(
      fields,
    );
    expect(
      parseOrThrow(calls['containers.preview'].request, {
        image: base.image,
        users: ['a'],
        ...fields,
      }),
    ).toMatchObject(fields);
  });

  it('refuses CPUs that are not a number Docker takes, naming cpus', () => {
    for (const name of ['containers.launch', 'containers.preview'] as const) {
      expect(refusal(name, { cpus: 0 })).toBe('cpus: must be at least 0.01 CPU');
      expect(refusal(name, { cpus: -1 })).toBe('cpus: must be at least 0.01 CPU');
      expect(refusal(name, { cpus: 1025 })).toBe('cpus: must be at most 1024 CPUs');
      expect(refusal(name, { cpus: '2' })).toBe('cpus: must be a number');
    }
  });

  it("refuses memory below Docker's minimum, above 1 TiB or in part bytes, naming memory", () => {
    for (const name of ['containers.launch', 'containers.preview'] as const) {
      expect(refusal(name, { memory: 6 * MIB - 1 })).toBe(
        "memory: must be at least 6 MiB (6291456 bytes), Docker's minimum",
      );
      expect(refusal(name, { memory: 1024 ** 4 + 1 })).toBe('memory: must be at most 1 TiB');
      expect(refusal(name, { memory: 64 * MIB + 0.5 })).toBe(
        'memory: must be a whole number of bytes',
      );
      expect(refusal(name, { memory: '64m' })).toBe('memory: must be a number');
    }
  });

  it('refuses more than 16 constraints, and a constraint too long or not one, naming it', () => {
    expect(refusal('containers.launch', { constraints: Array(17).fill('node.role==worker') })).toBe(
      'constraints: must have at most 16 constraints',
    );
    expect(
      refusal('containers.launch', {
        constraints: ['node.role==worker', `node.labels.zone==${'a'.repeat(256)}`],
      }),
    ).toBe('constraints[1]: must be at most 256 characters');
    expect(
      refusal('containers.preview', { constraints: ['node.role==worker', 'rm -rf /'] }),
    ).toMatch(/^constraints\[1\]: is not a placement constraint/);
    expect(refusal('containers.launch', { constraints: 'node.role==worker' })).toBe(
      'constraints: must be an array',
    );
  });
});
