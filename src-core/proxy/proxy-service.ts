import type { ProxySettings } from '../api/proxy';
import type { EngineRegistry } from '../engines/engine-registry';
import type { RealmContainer } from '../realm/container';
import type { StartResult } from '../realm/container-manager';
import type { StartRequest } from '../realm/start-request';
import { ChpBackend } from './chp-backend';
import { EmbeddedProxy } from './embedded-proxy';
import { ProxyActivity } from './proxy-activity';
import type { ProxyBackend } from './proxy-backend';
import { writeProxySettings } from './proxy-settings-file';
import { settingsOrigin } from './proxy-url';
import { ReadinessService, type Readiness, type ReadinessChange } from './readiness-service';
import type { ReconcileReport } from './reconcile';
import { RouteSync } from './route-sync';

export type ProxyRealm = Pick<EngineRegistry, 'realm' | 'listAll' | 'onContainer' | 'manager'>;

export interface LaunchResult extends StartResult {
  /** Where the app is opened through the proxy; null if it stopped meanwhile. */
  url: string | null;
}

interface Running {
  backend: ProxyBackend;
  embedded: EmbeddedProxy | null;
  sync: RouteSync;
  origin: string;
}

/**
 * The proxy as the host uses it: launches that return once the app answers
 * and is routed, container URLs, reconciliation, and settings that can be
 * changed while running (the routes move to the new proxy).
 */
export class ProxyService {
  private readonly readinessService: ReadinessService;
  private running: Running | null = null;
  /** When each container was last used through the proxy; kept across a change of proxy. */
  readonly activity: ProxyActivity;

  private constructor(
    private readonly realm: ProxyRealm,
    private current: ProxySettings,
    /** Where `configure` keeps the settings; none: they last as long as this service. */
    private readonly settingsPath?: string,
    /** Where the embedded proxy's activity is kept for the command line; none: not kept. */
    activityPath?: string,
  ) {
    this.readinessService = new ReadinessService({
      timeoutMs: current.readyTimeoutSeconds * 1000,
    });
    this.activity = new ProxyActivity({
      read: () => this.live().backend.activity(),
      containers: () => this.containers(),
      file: () => (this.running?.embedded && activityPath) || null,
    });
  }

  /** Starts the proxy the settings name and routes the realm's ready containers. */
  static async start(
    realm: ProxyRealm,
    settings: ProxySettings,
    options: { settingsPath?: string; activityPath?: string } = {},
  ): Promise<ProxyService> {
    const service = new ProxyService(realm, settings, options.settingsPath, options.activityPath);
    service.running = await service.open(settings);
    service.activity.start();
    return service;
  }

  get settings(): ProxySettings {
    return this.current;
  }

  /** Where the proxy answers: container URLs start with it. */
  get origin(): string {
    return this.live().origin;
  }

  get lastError(): string | null {
    return this.running?.sync.lastError ?? null;
  }

  /**
   * Starts a container, waits until its app answers 2xx at its urlpath and
   * routes it. A container that never answers, or cannot be routed, is
   * removed and the launch fails saying why.
   */
  async launch(engineId: string, request: StartRequest): Promise<LaunchResult> {
    const manager = this.realm.manager(engineId);
    const result = await this.readinessService.launch(engineId, manager, request);
    const { sync } = this.live();
    try {
      await sync.track(engineId, result.container);
    } catch (error) {
      await manager.stopAndRemoveContainer(result.container.id).catch(() => undefined);
      throw error;
    }
    return { ...result, url: sync.urlOf(engineId, result.container.id) };
  }

  urlOf(engineId: string, id: string): string | null {
    return this.running?.sync.urlOf(engineId, id) ?? null;
  }

  /** The realm's containers as the proxy follows them: after a move, each one's URL changed. */
  containers(): Array<{ engineId: string; container: RealmContainer }> {
    return this.running?.sync.containers() ?? [];
  }

  readiness(engineId: string, id: string): Readiness | null {
    return this.readinessService.readiness(engineId, id);
  }

  onReadiness(listener: (change: ReadinessChange) => void): () => void {
    return this.readinessService.onChange(listener);
  }

  reconcile(): Promise<ReconcileReport> {
    return this.live().sync.reconcile();
  }

  /** Fixes what `reconcile` reports, or only the routes at the paths `only` names. */
  fix(only?: ReadonlySet<string>): Promise<ReconcileReport> {
    return this.live().sync.fix(only);
  }

  /**
   * Switches to new settings, and keeps them once they work: the new proxy
   * is opened first, so that a bad address or an unreachable CHP leaves the
   * old one running and the file as it was.
   */
  async configure(settings: ProxySettings): Promise<void> {
    await this.switchTo(settings);
    if (this.settingsPath) writeProxySettings(this.settingsPath, settings);
  }

  private async switchTo(settings: ProxySettings): Promise<void> {
    const moves = this.sameProxy(settings) ? null : this.running;
    if (!moves) {
      this.adopt(settings);
      return;
    }
    // Until the new proxy is up (or failed to come up) the old one serves.
    const next = await this.open(settings);
    // What the old one recorded stays in the activity table.
    await this.activity.refresh().catch(() => undefined);
    this.running = next;
    await this.shut(moves);
    this.adopt(settings);
  }

  private adopt(settings: ProxySettings): void {
    this.current = settings;
    this.readinessService.timeoutMs = settings.readyTimeoutSeconds * 1000;
    if (this.running?.embedded)
      this.running.embedded.allowedOrigins = settings.allowedOrigins ?? [];
  }

  async close(): Promise<void> {
    this.readinessService.close();
    if (this.running) await this.activity.close();
    if (this.running) await this.shut(this.running);
    this.running = null;
  }

  /** Whether `next` names the proxy already running (what the other backend keeps does not count). */
  private sameProxy(next: ProxySettings): boolean {
    const now = this.current;
    if (now.backend !== next.backend) return false;
    return next.backend === 'embedded'
      ? now.host === next.host && now.port === next.port
      : JSON.stringify(now.chp) === JSON.stringify(next.chp);
  }

  private async open(settings: ProxySettings): Promise<Running> {
    let backend: ProxyBackend;
    let embedded: EmbeddedProxy | null = null;
    let origin: string;
    if (settings.backend === 'chp' && settings.chp) {
      backend = new ChpBackend(settings.chp);
      // Fails here, before anything moves, when CHP cannot be reached or refuses the token.
      await backend.list();
      origin = settingsOrigin(settings);
    } else {
      const { host, port, allowedOrigins } = settings;
      embedded = new EmbeddedProxy({ host, port, allowedOrigins });
      origin = await embedded.listen();
      backend = embedded;
    }
    const sync = new RouteSync(this.realm, backend, this.readinessService);
    try {
      await sync.start();
    } catch (error) {
      await sync.stop();
      await embedded?.close();
      throw error;
    }
    return { backend, embedded, sync, origin };
  }

  private async shut(running: Running): Promise<void> {
    await running.sync.stop();
    await running.embedded?.close();
  }

  private live(): Running {
    if (!this.running) throw new Error('the proxy service is closed');
    return this.running;
  }
}
