import WebSocket from 'ws';
import { createClient } from '../src-core/api/client';
import { startCore } from '../src-core/host/start-core';
import { startServe } from '../src-core/serve/serve-server';
import { websocketTransport } from '../renderer/transport/websocket-transport';
import { pageFolder } from '../test/support/serve-client';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { fillRealm, realmListPath } from './support/realm-requests';
import { result } from './support/results';
import { alternate, median } from './support/stats';

/**
 * The whole contract path for a listing, as the UI in serve mode takes it
 * (client, WebSocket, token-checked session, request and response
 * validation, the registry, Docker, JSON back) against one raw filtered
 * GET /containers/json on a 200-container realm.
 */
export async function benchContractList() {
  const engine = await benchEngine('contract');
  const core = await startCore({
    realm: engine.realm,
    profiles: [{ kind: 'socket', path: engine.socketPath }],
  });
  const serve = await startServe({ host: core.host, staticDir: pageFolder() });
  const socket = new WebSocket(`${serve.apiUrl}?token=${serve.token}`, {
    origin: `http://127.0.0.1:${serve.port}`,
  });
  const client = createClient(websocketTransport(socket));
  try {
    await fillRealm((body) => engine.docker.createContainer(body), engine.realm, 200, 20);
    const raw = rawDocker(engine.socketPath);
    const listPath = realmListPath(engine.realm);
    const rawList = () => raw<unknown[]>('GET', listPath);
    const ours = () => client.call('containers.list', {});

    for (let i = 0; i < 10; i++) await Promise.all([ours(), rawList()]); // warm up
    const times = await alternate(60, ours, rawList);
    const { engines } = await ours();
    if (engines[0]?.containers.length !== 200) throw new Error('the listing does not hold 200');
    const entry = result(median(times.ours), median(times.floor), 'ms', 1.5, {
      note: 'containers.list over serve mode WebSocket, 200 containers, median of 60; floor: one raw filtered GET /containers/json',
    });
    return { 'contract-list-200': entry };
  } finally {
    client.close();
    await serve.close();
    await core.close();
    await engine.cleanup();
  }
}
