import type { Reply } from './wire';

/**
 * The one object the desktop app's preload puts on `window` (under
 * BRIDGE_KEY): invoke a contract call, subscribe to a contract event. Both
 * are allow-listed from the contract; nothing else of Electron is reachable.
 */
export interface ContractBridge {
  invoke(name: string, request: unknown): Promise<Reply>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

export const BRIDGE_KEY = 'remoteapp';
