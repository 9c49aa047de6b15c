import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createClient, type ContractClient } from '../../src-core/api/client';
import { OPERATIONS_KEPT, operationOutcome } from '../../src-core/api/operations';
import { inProcessTransport } from '../../src-core/host/in-process-transport';
import { OperationHistory } from '../../src-core/host/operation-history';
import { IMAGES } from '../support/fixture-images';
import { startTestCore } from '../support/test-core';

const dir = mkdtempSync(join(tmpdir(), 'remoteapp-history-'));
const historyPath = join(dir, 'operations.json');
const peer = { transport: 'in-process', label: 'test' } as const;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A core on the real engine keeping its history in `historyPath`, and a client of it. */
async function coreWithHistory(label: string) {
  const env = await startTestCore(label, { historyPath });
  const client: ContractClient = createClient(inProcessTransport(env.core.host, peer));
  return { env, client };
}

describe('operations.history, on a real engine', () => {
  it("returns each operation with its users' results, and the same after a restart", async () => {
    const first = await coreWithHistory('history');
    const { client } = first;
    await client.call('operations.begin', {
      operationId: 'launch-1',
      kind: 'launch',
      title: 'Launch webapp for 2 users',
      total: 2,
    });
    const launched = await client.call('containers.launch', {
      engine: 'local',
      user: 'alice',
      image: IMAGES.webapp,
      operationId: 'launch-1',
    });
    await expect(
      client.call('containers.launch', {
        engine: 'local',
        user: 'bob',
        image: 'remoteapp-test/not-built:1',
        operationId: 'launch-1',
      }),
    ).rejects.toMatchObject({ code: 'IMAGE_NOT_FOUND' });
    await client.call('operations.finish', { operationId: 'launch-1' });
    await client.call('operations.begin', {
      operationId: 'stop-1',
      kind: 'stop',
      title: 'Stop alice',
      total: 1,
    });
    await client.call('containers.stop', {
      targets: [{ engine: 'local', id: launched.container.id }],
      operationId: 'stop-1',
    });

    const { operations } = await client.call('operations.history', {});
    expect(operations.map((op) => [op.id, operationOutcome(op)])).toEqual([
      ['stop-1', 'ok'],
      ['launch-1', 'partial'],
    ]);
    expect(operations[1]).toMatchObject({ done: 2, failed: 1, title: 'Launch webapp for 2 users' });
    expect(operations[1]!.errors).toEqual([
      { item: 'bob', error: expect.objectContaining({ code: 'IMAGE_NOT_FOUND' }) },
    ]);
    expect(statSync(historyPath).mode & 0o777).toBe(0o600);
    await first.env.close();

    const second = await coreWithHistory('history-again');
    expect((await second.client.call('operations.history', {})).operations).toEqual(operations);
    await second.env.close();
  });

  it('ends an operation left running when the core stopped: interrupted, its count kept', async () => {
    const first = await coreWithHistory('history-cut');
    await first.client.call('operations.begin', {
      operationId: 'launch-cut',
      kind: 'launch',
      title: 'Launch for 2 users',
      total: 2,
    });
    await first.client.call('containers.launch', {
      engine: 'local',
      user: 'carol',
      image: IMAGES.webapp,
      operationId: 'launch-cut',
    });
    await first.env.close();

    const second = await coreWithHistory('history-cut-again');
    const [op] = (await second.client.call('operations.history', {})).operations;
    expect(op).toMatchObject({ id: 'launch-cut', done: 1, total: 2, failed: 0 });
    expect(op!.finishedAt).not.toBeNull();
    expect(operationOutcome(op!)).toBe('interrupted');
    await second.env.close();
  });
});

describe('the history file', () => {
  it('keeps the newest OPERATIONS_KEPT operations, newest first, across a restart', () => {
    const path = join(dir, 'bounded.json');
    const history = new OperationHistory(path);
    for (let i = 0; i < OPERATIONS_KEPT + 5; i++)
      history.begin({ id: `op-${i}`, kind: 'stop', title: `Stop ${i}`, total: 1 });
    history.close();
    const ids = history.list().map((op) => op.id);
    expect(ids).toHaveLength(OPERATIONS_KEPT);
    expect(ids[0]).toBe(`op-${OPERATIONS_KEPT + 4}`);
    expect(ids.at(-1)).toBe('op-5');
    expect(JSON.parse(readFileSync(path, 'utf8')).operations).toHaveLength(OPERATIONS_KEPT);
    expect(new OperationHistory(path).list().map((op) => op.id)).toEqual(ids);
  });

  it('counts written at once when an operation ends, without waiting for close', () => {
    const path = join(dir, 'ended.json');
    const history = new OperationHistory(path);
    history.begin({ id: 'stop-2', kind: 'stop', title: 'Stop 1', total: 1 });
    history.record({
      operationId: 'stop-2',
      kind: 'stop',
      done: 1,
      total: 1,
      item: { engine: 'local', id: 'abc' },
    });
    const [op] = new OperationHistory(path).list();
    expect(operationOutcome(op!)).toBe('ok');
  });

  it('starts anew on a file that is not a history, saying so, without failing the core', () => {
    const path = join(dir, 'hand-edited.json');
    writeFileSync(path, JSON.stringify({ operations: [{ id: 1 }] }));
    const said = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(new OperationHistory(path).list()).toEqual([]);
    expect(said).toHaveBeenCalledWith(expect.stringContaining("not an operations' history"));
    said.mockRestore();
  });
});
