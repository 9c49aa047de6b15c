import { describe, expect, it } from 'vitest';
import { CALL_NAMES, EVENT_NAMES } from '../../../src-core/api/contract';
import { IPC_CALL, IPC_EVENT } from '../../../src-core/api/wire';
import { createBridge } from '../../../electron/preload/contract-bridge';
import { StandInIpcRenderer } from '../support/electron-stand-in';

function bridge() {
  const ipc = new StandInIpcRenderer();
  return { ipc, bridge: createBridge(ipc, { calls: CALL_NAMES, events: EVENT_NAMES }) };
}

describe('the preload bridge (driven through the Electron stand-in)', () => {
  it('is one frozen object with invoke and on, and nothing of ipcRenderer', () => {
    const { bridge: b } = bridge();
    expect(Object.keys(b).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(b)).toBe(true);
  });

  it('passes contract calls to main on the contract channel', async () => {
    const { ipc, bridge: b } = bridge();
    expect(await b.invoke('engines.list', {})).toEqual({ ok: true, result: {} });
    expect(ipc.invoked).toEqual([[IPC_CALL, 'engines.list', {}]]);
  });

  it('refuses a name that is not a call of the contract, without any IPC', async () => {
    const { ipc, bridge: b } = bridge();
    for (const name of ['shell.openExternal', 'contract:call', '__proto__', 'constructor'])
      expect(await b.invoke(name, {})).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: { field: 'name' } },
      });
    expect(ipc.invoked).toEqual([]);
  });

  it('delivers contract events to their listeners only, without the IPC event', () => {
    const { ipc, bridge: b } = bridge();
    const seen: unknown[][] = [];
    const off = b.on('containers.changed', (...args) => seen.push(args));
    ipc.receive(IPC_EVENT, 'containers.changed', { engine: 'local', kind: 'removed', id: 'a' });
    ipc.receive(IPC_EVENT, 'engines.changed', { id: 'local' });
    ipc.receive(IPC_EVENT, 'not.an.event', { x: 1 });
    off();
    ipc.receive(IPC_EVENT, 'containers.changed', { engine: 'local', kind: 'removed', id: 'b' });
    expect(seen).toEqual([[{ engine: 'local', kind: 'removed', id: 'a' }]]);
  });

  it('refuses to subscribe to a name that is not an event of the contract', () => {
    const { bridge: b } = bridge();
    expect(() => b.on('ipc:anything', () => {})).toThrow(/not an event of the contract/);
    expect(() => b.on('containers.changed', 'nope' as never)).toThrow(TypeError);
  });
});
