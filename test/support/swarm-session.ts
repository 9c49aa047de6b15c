import type { ContainerView } from '../../src-core/api/containers';
import { proxySettings, type ProxySettings } from '../../src-core/api/proxy';
import { IMAGES } from './fixture-images';
import { freePort } from './free-port';
import { startServeSession } from './serve-session';
import { startSwarm } from './swarm';
import { startUiSession } from './ui-session';
import { until } from './until';

/**
 * Serve mode whose one engine, `swarm`, is the manager of a private
 * two-node Swarm, connected; `proxy`, when given, runs as the core's proxy.
 */
export async function startSwarmSession(label: string, proxy?: ProxySettings) {
  const swarm = await startSwarm({ images: [IMAGES.webapp] });
  const session = await startServeSession(label, {
    profiles: [{ kind: 'socket', id: 'swarm', name: 'Swarm', path: swarm.manager.socketPath }],
    ...(proxy && { proxy: { settings: proxy } }),
  }).catch(async (error: unknown) => {
    await swarm.close();
    throw error;
  });
  const { client } = session;
  await until('the Swarm engine connected', async () => {
    const { engines } = await client.call('engines.list', {});
    return engines[0]?.state === 'connected' || undefined;
  });
  return {
    ...session,
    swarm,
    /** The Swarm engine's rows, as the Containers view lists them. */
    async rows(): Promise<ContainerView[]> {
      const { engines } = await client.call('containers.list', { engine: 'swarm' });
      return engines[0]!.containers;
    },
    async close() {
      await session.close();
      await swarm.close();
    },
  };
}

/** The page behind a row's URL, or undefined while it does not answer 200. */
export async function pageOf(row: ContainerView): Promise<string | undefined> {
  if (!row.url) return undefined;
  const response = await fetch(row.url).catch(() => null);
  return response?.status === 200 ? response.text() : undefined;
}

/**
 * The whole product in Chromium (see `startUiSession`) whose one engine,
 * `swarm`, is the manager of a private two-node Swarm holding `images`,
 * behind the embedded proxy.
 */
export async function startSwarmUi(label: string, images: string[]) {
  const swarm = await startSwarm({ images });
  const ui = await startUiSession(label, {
    profiles: [{ kind: 'socket', id: 'swarm', name: 'Swarm', path: swarm.manager.socketPath }],
    proxy: { settings: proxySettings.parse({ port: await freePort() }) },
  }).catch(async (error: unknown) => {
    await swarm.close();
    throw error;
  });
  return {
    swarm,
    ui,
    async close() {
      await ui.close();
      await swarm.close();
    },
  };
}
