import type { ErrorPayload } from './errors';

/**
 * What both transports carry. A call is answered by exactly one reply with
 * the same id; events are pushed in the order the host emitted them.
 */
export type Reply<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorPayload };

export interface CallMessage {
  kind: 'call';
  id: number;
  name: string;
  request: unknown;
}

export interface ReplyMessage {
  kind: 'reply';
  id: number;
  reply: Reply;
}

export interface EventMessage {
  kind: 'event';
  name: string;
  payload: unknown;
}

export type HostMessage = ReplyMessage | EventMessage;

/** The IPC channel names the preload and the main process share. */
export const IPC_CALL = 'contract:call';
export const IPC_EVENT = 'contract:event';
