import type { ContractTransport } from '../../src-core/api/client';
import type { ErrorPayload } from '../../src-core/api/errors';
import { eventListeners } from '../../src-core/api/event-listeners';
import type { CallMessage, HostMessage, Reply } from '../../src-core/api/wire';

/** The part of the WebSocket API used here: the browser's, or a compatible one in tests. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const OPEN = 1;

function disconnected(message: string): Reply {
  const error: ErrorPayload = { code: 'DISCONNECTED', message, details: {} };
  return { ok: false, error };
}

/**
 * The contract over one WebSocket to serve mode. Calls made before the
 * socket opens wait for it; replies are matched by id, so calls run
 * concurrently; events are dispatched in arrival order.
 */
export function websocketTransport(socket: SocketLike): ContractTransport {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, (reply: Reply) => void>();
  const waiting: string[] = [];
  const listeners = eventListeners();

  socket.addEventListener('open', () => {
    for (const frame of waiting.splice(0)) socket.send(frame);
  });
  socket.addEventListener('message', ({ data }) => {
    let message: HostMessage;
    try {
      message = JSON.parse(String(data)) as HostMessage;
    } catch {
      return;
    }
    if (message.kind === 'reply') {
      pending.get(message.id)?.(message.reply);
      pending.delete(message.id);
    } else if (message.kind === 'event') {
      listeners.emit(message.name, message.payload);
    }
  });
  const fail = () => {
    closed = true;
    for (const resolve of pending.values())
      resolve(disconnected('The connection to the host was lost'));
    pending.clear();
  };
  socket.addEventListener('close', fail);
  socket.addEventListener('error', fail);

  return {
    invoke(name, request) {
      if (closed) return Promise.resolve(disconnected('Not connected to the host'));
      const id = nextId++;
      const frame = JSON.stringify({ kind: 'call', id, name, request } satisfies CallMessage);
      return new Promise<Reply>((resolve) => {
        pending.set(id, resolve);
        if (socket.readyState === OPEN) socket.send(frame);
        else waiting.push(frame);
      });
    },
    on: listeners.add,
    close() {
      socket.close(1000, 'client closed');
    },
  };
}
