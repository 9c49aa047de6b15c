import WebSocket from 'ws';
import { createClient } from '../src-core/api/client';
import { startCore } from '../src-core/host/start-core';
import { RUNINFO } from '../src-core/realm/labels';
import { startServe } from '../src-core/serve/serve-server';
import { websocketTransport } from '../renderer/transport/websocket-transport';
import { IMAGES } from '../test/support/fixture-images';
import { pageFolder } from '../test/support/serve-client';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { result } from './support/results';
import { median, timed } from './support/stats';

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
    for (let i = 0; i < 200; i += 20)
      await Promise.all(
        Array.from({ length: 20 }, (_, k) =>
          engine.docker.createContainer({
            Image: IMAGES.webapp,
            Labels: {
              [RUNINFO.realm]: engine.realm,
              [RUNINFO.user]: `user${i + k}`,
              [RUNINFO.mappingId]: `m${i + k}`,
              [RUNINFO.urlId]: `u${i + k}`,
              [RUNINFO.urlpath]: `/user/user${i + k}/containers/u${i + k}`,
            },
          }),
        ),
      );
    const raw = rawDocker(engine.socketPath);
    const filters = encodeURIComponent(
      JSON.stringify({ label: [`${RUNINFO.realm}=${engine.realm}`] }),
    );
    const rawList = () => raw<unknown[]>('GET', `/containers/json?all=1&filters=${filters}`);
    const ours = () => client.call('containers.list', {});

    const mine: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 10; i++) await Promise.all([ours(), rawList()]); // warm up
    for (let i = 0; i < 60; i++) {
      // Alternate the order so that neither side always runs on a warmer engine.
      if (i % 2) {
        mine.push(await timed(ours));
        floor.push(await timed(rawList));
      } else {
        floor.push(await timed(rawList));
        mine.push(await timed(ours));
      }
    }
    const { engines } = await ours();
    if (engines[0]?.containers.length !== 200) throw new Error('the listing does not hold 200');
    const entry = result(median(mine), median(floor), 'ms', 1.5, {
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
