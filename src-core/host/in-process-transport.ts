import type { ContractTransport } from '../api/client';
import { eventListeners } from '../api/event-listeners';
import type { Host, Peer } from './host';

/** The contract to a host in the same process (the command line): same calls, same events. */
export function inProcessTransport(host: Host, peer: Peer): ContractTransport {
  const listeners = eventListeners();
  const session = host.open(peer, listeners.emit);
  return {
    invoke: (name, request) => session.invoke(name, request),
    on: listeners.add,
    close: () => session.close(),
  };
}
