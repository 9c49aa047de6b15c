import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../src-core/api/client';
import { CoreError } from '../../../src-core/api/errors';
import type { Engines } from '../../../src-core/engines/engine-registry';
import { directUrls } from '../../../src-core/host/container-urls';
import { createHost, type Host } from '../../../src-core/host/host';
import { inProcessTransport } from '../../../src-core/host/in-process-transport';
import { OperationHistory } from '../../../src-core/host/operation-history';
import { launchForUsers, stopContainers } from '../../../renderer/store/actions';
import { createAppStore } from '../../../renderer/store/app-store';
import type { ContainerKey } from '../../../renderer/store/container-key';
import { operationOutcome } from '../../../renderer/store/operations-slice';
import { realmContainer } from '../../support/realm-container';
import { memoryStorage } from './fixtures';

const peer = { transport: 'in-process', label: 'test' } as const;
let host: Host | undefined;
afterEach(() => host?.close());

/**
 * A window's store on a real host (engines and launcher faked: no Docker),
 * wired to the operations' events as the renderer's sync wires them.
 */
function windowOn(withHistory = true) {
  const engines = {
    realm: 'remoteexec',
    onEngine: () => () => {},
    onContainer: () => () => {},
  } as unknown as Engines;
  const launcher = {
    async launch(_choice: string, request: { user: string }) {
      if (request.user === 'bob')
        throw new CoreError('IMAGE_NOT_FOUND', 'image "app" is not on engine "local"');
      return {
        engine: 'local',
        container: realmContainer(`c-${request.user}`),
        skippedVolumes: [],
      };
    },
  };
  host = createHost({
    engines,
    launcher,
    urls: directUrls,
    ...(withHistory && { history: new OperationHistory(null) }),
  });
  const contract = createClient(inProcessTransport(host, peer));
  const store = createAppStore(memoryStorage());
  contract.on('operations.progress', (p) => store.getState().applyProgress(p));
  contract.on('operations.changed', ({ operation }) => store.getState().putOperation(operation));
  return { store, contract };
}

describe('an operation run from a window, kept by the core', () => {
  it('a launch for three users with one refused: per-user results, the same after a reload', async () => {
    const { store, contract } = windowOn();
    const outcomes = await launchForUsers(
      store,
      contract,
      ['ann', 'bob', 'cid'],
      { image: 'app' },
      'App',
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const [id] = store.getState().operationOrder;
    const op = store.getState().operations[id!]!;
    expect(op).toMatchObject({ title: 'Launch App for 3 users', done: 3, total: 3, failed: 1 });
    expect(op.errors).toEqual([
      { item: 'bob', error: expect.objectContaining({ code: 'IMAGE_NOT_FOUND' }) },
    ]);
    expect(operationOutcome(op)).toBe('partial');

    const reloaded = createAppStore(memoryStorage());
    reloaded.getState().loadHistory((await contract.call('operations.history', {})).operations);
    expect(reloaded.getState().operations[id!]).toEqual(op);
  });

  it('a call refused whole fails every item it carried', async () => {
    const { store, contract } = windowOn();
    const keys = ['local/c1', 'local/not a container id'] as ContainerKey[];
    await expect(stopContainers(store, contract, keys)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const [op] = (await contract.call('operations.history', {})).operations;
    expect(op).toMatchObject({ kind: 'stop', done: 2, failed: 2 });
    expect(op!.errors[0]!.error.code).toBe('VALIDATION');
    expect(operationOutcome(op!)).toBe('failed');
    expect(store.getState().operations[op!.id]).toEqual(op);
  });

  it('a host that keeps no history: the operation is still shown, and closed, in the window', async () => {
    const { store, contract } = windowOn(false);
    await launchForUsers(store, contract, ['ann', 'bob'], { image: 'app' }, 'App');
    const op = store.getState().operations[store.getState().operationOrder[0]!]!;
    expect(op).toMatchObject({ done: 2, failed: 1, errors: [{ item: 'bob' }] });
    expect(operationOutcome(op)).toBe('partial');
  });
});
