import type { ContractClient } from '../../src-core/api/client';

/**
 * What the renderer needs of the contract client: invoke a call, subscribe to
 * an event. Both transports (Electron preload, serve-mode WebSocket) give it.
 */
export type ContractLink = Pick<ContractClient, 'call' | 'on'>;
