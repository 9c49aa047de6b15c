import type { ContractBridge } from '../../src-core/api/bridge';
import { CoreError } from '../../src-core/api/errors';
import { eventListeners } from '../../src-core/api/event-listeners';
import { IPC_CALL, IPC_EVENT, type Reply } from '../../src-core/api/wire';

/** The part of ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The contract's call and event names: all that the bridge lets through. */
export interface ContractNames {
  calls: readonly string[];
  events: readonly string[];
}

/**
 * The object the preload exposes: contract calls and events by name, each
 * checked against the contract's lists. The page never sees ipcRenderer, an
 * IPC event or a channel name.
 */
export function createBridge(ipc: RendererIpc, names: ContractNames): ContractBridge {
  const calls = new Set(names.calls);
  const events = new Set(names.events);
  const listeners = eventListeners();
  ipc.on(IPC_EVENT, (_event, name, payload) => {
    if (typeof name === 'string' && events.has(name)) listeners.emit(name, payload);
  });
  return Object.freeze({
    invoke(name: string, request: unknown): Promise<Reply> {
      if (!calls.has(name)) {
        const error = CoreError.validation(
          'name',
          `"${String(name).slice(0, 64)}" is not a call of the contract`,
        );
        return Promise.resolve({ ok: false, error: error.toPayload() });
      }
      return ipc.invoke(IPC_CALL, name, request) as Promise<Reply>;
    },
    on(name: string, listener: (payload: unknown) => void): () => void {
      if (!events.has(name))
        throw new Error(`"${String(name).slice(0, 64)}" is not an event of the contract`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return listeners.add(name, listener);
    },
  });
}
