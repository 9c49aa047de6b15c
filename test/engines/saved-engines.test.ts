import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCoreError } from '../../src-core/api/errors';
import { SavedEngines } from '../../src-core/engines/saved-engines';

const dir = mkdtempSync(join(tmpdir(), 'remoteapp-saved-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(path: string): unknown {
  try {
    new SavedEngines(path);
  } catch (error) {
    return error;
  }
  return null;
}

describe('the saved engines file', () => {
  it('starts empty without a file, and keeps what is added across instances', () => {
    const path = join(dir, 'engines.json');
    const first = new SavedEngines(path);
    expect(first.list()).toEqual([]);
    first.add({ kind: 'ssh', id: 'gpu', host: 'gpu-1', user: 'ops', keyFile: '/k' });
    first.add({ kind: 'socket', id: 'here' });
    expect(new SavedEngines(path).list().map((p) => p.id)).toEqual(['gpu', 'here']);
    expect(first.remove('gpu')).toBe(true);
    expect(first.remove('gpu')).toBe(false);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      engines: [{ kind: 'socket', id: 'here' }],
    });
  });

  it('refuses a file that is not JSON, or holds a field the contract has not (a passphrase), naming the file', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ engines: ');
    expect(refusal(bad)).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(bad),
    });
    writeFileSync(
      bad,
      JSON.stringify({
        engines: [{ kind: 'ssh', id: 'x', host: 'h', user: 'u', passphrase: 'hunter2' }],
      }),
    );
    const error = refusal(bad);
    expect(isCoreError(error, 'VALIDATION')).toBe(true);
    expect((error as Error).message).toContain(bad);
    expect((error as Error).message).toContain('passphrase');
  });
});
