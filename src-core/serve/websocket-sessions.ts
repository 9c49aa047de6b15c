import type { WebSocket } from 'ws';
import type { CallMessage, EventMessage, ReplyMessage } from '../api/wire';
import type { Host, Peer } from '../host/host';

function asCall(data: unknown): CallMessage | null {
  try {
    const message = JSON.parse(String(data)) as Partial<CallMessage> | null;
    if (
      message?.kind === 'call' &&
      Number.isSafeInteger(message.id) &&
      typeof message.name === 'string'
    )
      return message as CallMessage;
  } catch {
    // not JSON: refused below
  }
  return null;
}

/**
 * One host session per WebSocket that passed the upgrade checks. Calls are
 * answered as they finish (matched by id); events go out in the order the
 * host emitted them. A frame that is not a contract call closes the socket.
 */
export function bindSocket(host: Host, socket: WebSocket, peer: Peer): void {
  const send = (message: ReplyMessage | EventMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const session = host.open(peer, (name, payload) => send({ kind: 'event', name, payload }));
  socket.on('message', (data, isBinary) => {
    const call = isBinary ? null : asCall(data);
    if (!call) return socket.close(1008, 'not a contract call');
    void session
      .invoke(call.name, call.request)
      .then((reply) => send({ kind: 'reply', id: call.id, reply }));
  });
  socket.on('close', () => session.close());
  socket.on('error', () => session.close());
}
