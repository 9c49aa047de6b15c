import { DEFAULT_REALM } from '../realm/labels';
import { EngineRegistry, type EngineProfile } from '../docker/engine-registry';
import { directUrls, type ContainerUrls } from './container-urls';
import { createHost, type Host } from './host';

export interface CoreOptions {
  realm?: string;
  /** The engines to watch; DOCKER_HOST (or the default socket) when absent. */
  profiles?: EngineProfile[];
  /** Replaced by the proxy's URLs once it runs. */
  urls?: ContainerUrls;
  /** How long to wait for the engines' first answer before going on without them. */
  connectTimeoutMs?: number;
}

/** The running core: the engines, and the host that serves them over the contract. */
export interface Core {
  engines: EngineRegistry;
  host: Host;
  close(): Promise<void>;
}

/** The engine the docker CLI would use: DOCKER_HOST or DOCKER_CONTEXT when set, else the local socket. */
export function defaultProfile(env: NodeJS.ProcessEnv = process.env): EngineProfile {
  return env.DOCKER_HOST || env.DOCKER_CONTEXT ? { kind: 'env', env } : { kind: 'socket' };
}

/** Resolves once no engine is still `connecting`, or after `timeoutMs`. */
function settled(engines: EngineRegistry, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (engines.statuses().every((s) => s.state !== 'connecting')) done();
    };
    const timer = setTimeout(() => done(), timeoutMs);
    const stop = engines.onEngine(check);
    function done() {
      clearTimeout(timer);
      stop();
      resolve();
    }
    check();
  });
}

/** Starts the engines and the host; shared by the desktop app, serve mode and the command line. */
export async function startCore(options: CoreOptions = {}): Promise<Core> {
  const engines = new EngineRegistry({ realm: options.realm ?? DEFAULT_REALM });
  try {
    for (const profile of options.profiles ?? [defaultProfile()]) engines.add(profile);
  } catch (error) {
    await engines.close();
    throw error;
  }
  await settled(engines, options.connectTimeoutMs ?? 10_000);
  const host = createHost({ engines, urls: options.urls ?? directUrls });
  return {
    engines,
    host,
    async close() {
      host.close();
      await engines.close();
    },
  };
}
