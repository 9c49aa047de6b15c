import { createClient } from '../src-core/api/client';
import { inProcessTransport } from '../src-core/host/in-process-transport';
import { startCore } from '../src-core/host/start-core';
import { IMAGES } from '../test/support/fixture-images';
import { embeddedProxySettings } from '../test/support/embedded-proxy-settings';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { rawLaunchBody } from './support/realm-requests';
import { result } from './support/results';
import { alternate, median } from './support/stats';

const ROUNDS = 30;
// The floor's poll: what a client watching the published port would do.
const POLL_MS = 10;

/** GETs `url` every 10 ms until it answers 2xx; refusals and resets while the app starts are retried. */
async function until2xx(url: string): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * What the operator waits for: from the launch call (the contract's
 * `containers.launch`, with the embedded proxy running: start, readiness,
 * route) to the proxied URL answering 2xx, against a raw client's create +
 * start + inspect (for the port) polling the published port every 10 ms
 * until 2xx.
 */
export async function benchLaunchToOpen() {
  const engine = await benchEngine('open');
  const core = await startCore({
    realm: engine.realm,
    profiles: [{ kind: 'socket', path: engine.socketPath }],
    proxy: { settings: embeddedProxySettings(0, 30) },
  });
  const client = createClient(
    inProcessTransport(core.host, { transport: 'in-process', label: 'bench' }),
  );
  try {
    const raw = rawDocker(engine.socketPath);
    const engineId = (await client.call('engines.list', {})).engines[0]!.id;
    let n = 0;
    const ours = async () => {
      n++;
      const { container } = await client.call('containers.launch', {
        engine: engineId,
        user: `user${n}`,
        image: IMAGES.webapp,
      });
      if (!container.url) throw new Error(`container ${container.id} has no proxied URL`);
      await until2xx(container.url);
    };
    const floorLaunch = async () => {
      const { Id } = await raw<{ Id: string }>('POST', '/containers/create', {
        ...rawLaunchBody(engine.realm),
      });
      await raw('POST', `/containers/${Id}/start`);
      const { NetworkSettings } = await raw<{
        NetworkSettings: { Ports: Record<string, Array<{ HostPort: string }>> };
      }>('GET', `/containers/${Id}/json`);
      await until2xx(`http://127.0.0.1:${NetworkSettings.Ports['8888/tcp']![0]!.HostPort}/`);
    };
    // Warm both paths (the proxy's first route, fetch's first connection), then start from an empty realm.
    await ours();
    await floorLaunch();
    await engine.cleanup();
    const times = await alternate(ROUNDS, ours, floorLaunch, () => engine.cleanup());
    return {
      'launch-to-open': result(median(times.ours), median(times.floor), 'ms', 1.1, {
        note: `median of ${ROUNDS}, sides alternating; from containers.launch (embedded proxy: start, readiness probe, route) to the proxied URL answering 2xx; floor: raw create + start + inspect, then the published port polled every ${POLL_MS} ms until 2xx`,
      }),
    };
  } finally {
    await core.close();
    await engine.cleanup();
  }
}
