import { BRIDGE_KEY, type ContractBridge } from '../src-core/api/bridge';
import { createClient, type ContractClient } from '../src-core/api/client';
import { websocketTransport } from './transport/websocket-transport';

const TOKEN_KEY = 'remoteapp-token';

/**
 * Serve mode's token comes in the URL's fragment (never sent to a server,
 * never in a Referer); it is kept for reloads and taken off the address bar.
 */
function serveToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/**
 * The contract client for this page: through the preload's bridge in the
 * desktop app, else over a WebSocket to the serve-mode host it came from.
 */
export function connectToHost(): ContractClient {
  const bridge = (window as unknown as Record<string, ContractBridge | undefined>)[BRIDGE_KEY];
  if (bridge) return createClient(bridge);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${location.host}/api?token=${encodeURIComponent(serveToken())}`;
  return createClient(websocketTransport(new WebSocket(url)));
}
