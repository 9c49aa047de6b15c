import { userInfo } from 'node:os';
import type { CatalogService } from '../catalog/catalog-service';
import { DEFAULT_REALM } from '../realm/labels';
import { EngineRegistry, type EngineProfile } from '../engines/engine-registry';
import { NotLoadedEngines } from '../engines/not-loaded-engines';
import { SavedEngines } from '../engines/saved-engines';
import type { ProxySettings } from '../api/proxy';
import { activityPathBeside } from '../proxy/activity-file';
import { loadProxySettings } from '../proxy/proxy-settings-file';
import type { ProxyService } from '../proxy/proxy-service';
import type { ContainerActivity } from '../proxy/route-activity';
import { settingsActivity } from '../proxy/settings-activity';
import { Launcher } from '../engines/launcher';
import { StatsSampler } from '../engines/stats-sampler';
import { directUrls, type ContainerUrls } from './container-urls';
import { CullService } from './cull-service';
import { proxyUrls, settingsUrls } from './proxy-urls';
import { createHost, type Host } from './host';
import { OperationHistory } from './operation-history';

export interface CoreOptions {
  realm?: string;
  /** The engines to watch; DOCKER_HOST (or the default socket) when absent. */
  profiles?: EngineProfile[];
  /** Replaced by the proxy's URLs once it runs. */
  urls?: ContainerUrls;
  /**
   * Where the engines added through the contract are kept (a JSON file of
   * profiles, `defaultEnginesPath()` in the app and serve mode); they are
   * added again at every start. For this run only when absent.
   */
  enginesPath?: string;
  /** How long to wait for the engines' first answer before going on without them. */
  connectTimeoutMs?: number;
  /**
   * The app's own catalog database (created when absent), which also holds
   * the audit log. By default an in-memory one: the catalog calls work, and
   * nothing is kept after the core stops. Null: none, and SQLite is never
   * loaded (a short command that reads no catalog); the catalog calls fail
   * NOT_FOUND.
   */
  catalogPath?: string | null;
  /**
   * The proxy. `run` (the desktop app, serve mode): launches wait for
   * readiness and container URLs go through it. `urls` (a short command
   * while the app or serve mode runs it): URLs on the proxy's address, no
   * proxy of its own. The settings come from `settingsPath` (the file every
   * front end shares, `defaultProxySettingsPath()`; defaults when absent)
   * unless given.
   */
  proxy?: { settingsPath?: string; settings?: ProxySettings; mode?: 'run' | 'urls' };
  /**
   * The idle cull: where its policy is kept (`defaultCullPolicyPath()` in
   * the app, serve mode and the command line; for this run only when
   * absent), and how often a core that runs the proxy applies it (every
   * minute by default).
   */
  cull?: { policyPath?: string; everyMs?: number };
  /**
   * Where the operations' history is kept (`defaultHistoryPath()` in the app
   * and serve mode, which share it); for this run only when absent.
   */
  historyPath?: string;
}

/** The running core: the engines, and the host that serves them over the contract. */
export interface Core {
  engines: EngineRegistry;
  launcher: Launcher;
  host: Host;
  catalog?: CatalogService;
  proxy?: ProxyService;
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
  const savedEngines = new SavedEngines(options.enginesPath ?? null);
  const engines = new EngineRegistry({ realm: options.realm ?? DEFAULT_REALM });
  // The saved engines come after the start-up ones; one that cannot be added is shown, not fatal.
  const notLoadedEngines = new NotLoadedEngines(engines, savedEngines);
  try {
    for (const profile of options.profiles ?? [defaultProfile()]) engines.add(profile);
    notLoadedEngines.addSaved();
  } catch (error) {
    await engines.close();
    throw error;
  }
  await settled(engines, options.connectTimeoutMs ?? 10_000);
  let proxy: ProxyService | undefined;
  let urls = options.urls ?? directUrls;
  let activity: ContainerActivity | undefined;
  try {
    if (options.proxy) {
      const { settingsPath, mode = 'run' } = options.proxy;
      const settings = options.proxy.settings ?? loadProxySettings(settingsPath);
      // Beside the settings: where the running proxy leaves its activity for the command line.
      const activityPath = settingsPath && activityPathBeside(settingsPath);
      if (mode === 'run') {
        // Loaded only where it runs: a short command never needs the proxy server.
        const { ProxyService } = await import('../proxy/proxy-service');
        proxy = await ProxyService.start(engines, settings, {
          ...(settingsPath && { settingsPath }),
          ...(activityPath && { activityPath }),
        });
        urls = options.urls ?? proxyUrls(proxy);
        activity = proxy.activity;
      } else {
        urls = options.urls ?? settingsUrls(settings);
        activity = settingsActivity(settings, activityPath);
      }
    }
  } catch (error) {
    await engines.close();
    throw error;
  }
  // With a proxy, every launch returns once its app answers and is routed.
  const ready = proxy;
  const launcher = new Launcher(engines, ready && ((engine, start) => ready.launch(engine, start)));
  let catalog: CatalogService | undefined;
  let cull: CullService;
  try {
    cull = new CullService({
      engines,
      ...(activity && { activity }),
      audit: (entry) => catalog?.record(entry),
      ...(options.cull?.policyPath && { policyPath: options.cull.policyPath }),
    });
    if (options.catalogPath !== null) {
      const [{ Catalog }, { CatalogService }] = await Promise.all([
        import('../catalog/catalog'),
        import('../catalog/catalog-service'),
      ]);
      catalog = new CatalogService({
        home: Catalog.openFile(options.catalogPath ?? ':memory:'),
        actor: userInfo().username,
        manager: (engine) => engines.manager(engine),
        launcher,
      });
    }
  } catch (error) {
    await proxy?.close();
    await engines.close();
    throw error;
  }
  const stats = new StatsSampler(engines);
  const history = new OperationHistory(options.historyPath ?? null);
  const host = createHost({
    engines,
    savedEngines,
    notLoadedEngines,
    launcher,
    urls,
    ...(catalog && { catalog }),
    ...(proxy && { proxy }),
    ...(activity && { activity }),
    cull,
    history,
    stats,
  });
  // The desktop app and serve mode cull while they run; a short command only when asked.
  if (proxy) cull.start(options.cull?.everyMs ?? 60_000);
  return {
    engines,
    launcher,
    host,
    ...(catalog && { catalog }),
    ...(proxy && { proxy }),
    async close() {
      await cull.close();
      host.close();
      history.close();
      stats.close();
      catalog?.close();
      await proxy?.close();
      await engines.close();
    },
  };
}
