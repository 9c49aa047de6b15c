import { CoreError, errorPayloadOf, type ErrorPayload } from '../api/errors';
import { REALM, fits } from '../api/ids';
import type { RealmManager } from '../realm/realm-manager';
import type { RealmContainer } from '../realm/container';
import { resolveEndpoint } from '../docker/engine-endpoint';
import { SshPassphrases } from '../docker/ssh-passphrases';
import { Engine, DEFAULT_TIMING, type EngineStatus, type EngineTiming } from './engine';
import { chooseEngine, type LaunchKey, type Release } from './engine-load';
import { engineUnreachable } from '../docker/docker-error';
import { heldOffline } from './held-offline';
import type { NodeAvailability } from '../docker/swarm-types';
import type { NodeSummary } from './service-manager';
import type { StatsTarget, StatsTargets } from './stats-loop';
import { defaultEngineId, validateProfile, type EngineProfile } from '../docker/engine-profile';

export type { EngineStatus } from './engine';
export type { EngineProfile } from '../docker/engine-profile';

export type ContainerChange =
  | { engineId: string; kind: 'added' | 'changed'; container: RealmContainer }
  | { engineId: string; kind: 'removed'; id: string };

/**
 * A launch's claim on its engine; `release` once it settles, with the id of
 * the container it made. Or, `refused`, why it may not launch now: `engine`
 * then names the engine not connected that holds that user's container.
 */
export type EngineReservation =
  { engine: string; release: Release } | { engine: string; refused: CoreError };

/**
 * Where a launch would go, or why it may not now (as `EngineReservation`);
 * `alsoOn`, the other engines that hold that user's container of that
 * mapping id, which a launch on `engine` leaves in place.
 */
export interface EnginePlan {
  engine: string;
  refused?: CoreError;
  alsoOn: string[];
}

export interface EngineListing {
  engineId: string;
  containers: RealmContainer[];
  error?: ErrorPayload;
}

export interface EngineRegistryOptions {
  realm: string;
  stopTimeoutSeconds?: number;
  concurrency?: number;
  /** Timeouts, heartbeat and backoff; the defaults suit an operator's workstation. */
  timing?: Partial<EngineTiming>;
}

/**
 * The engines as the host uses them (the registry; a small fake in tests
 * of the handlers alone).
 */
export interface Engines {
  readonly realm: string;
  add(profile: EngineProfile): EngineStatus;
  remove(engineId: string): Promise<void>;
  statuses(): EngineStatus[];
  /** The realm's manager on an engine; NOT_FOUND, on the field `engine`, for an unknown one. */
  manager(engineId: string): RealmManager;
  listAll(): Promise<EngineListing[]>;
  planEngines(choice: string, launches: LaunchKey[]): EnginePlan[];
  onEngine(listener: (status: EngineStatus) => void): () => void;
  onContainer(listener: (change: ContainerChange) => void): () => void;
  /** A Swarm services engine's nodes; NOT_FOUND on `engine` for any other engine. */
  nodes(engineId: string): Promise<NodeSummary[]>;
  /** Drains a Swarm node (its tasks move) or makes it active again. */
  setNodeAvailability(
    engineId: string,
    nodeId: string,
    availability: NodeAvailability,
  ): Promise<void>;
  /** The passphrase of the key an SSH engine waits for; it connects again at once. */
  givePassphrase(engineId: string, keyFile: string, passphrase: string): void;
  /** Trusts the unknown host key an SSH engine was refused; it connects again at once. */
  trustHostKey(engineId: string, fingerprint: string): void;
}

/**
 * The Docker engines an operator works with, several at once, each kept live
 * by its own events stream. Containers are keyed by (engine id, container id).
 */
export class EngineRegistry implements Engines, StatsTargets {
  readonly realm: string;
  private readonly engines = new Map<string, Engine>();
  private readonly engineListeners = new Set<(status: EngineStatus) => void>();
  private readonly containerListeners = new Set<(change: ContainerChange) => void>();
  private readonly timing: EngineTiming;
  /** Given by the operator during this run, for every SSH engine: memory only. */
  private readonly passphrases = new SshPassphrases();

  constructor(private readonly options: EngineRegistryOptions) {
    if (!fits(REALM, options?.realm))
      throw CoreError.validation(
        'realm',
        `${JSON.stringify(options?.realm)} is not a realm: ${REALM.reason}`,
      );
    this.realm = options.realm;
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
  }

  /** Registers an engine and starts watching it; its status starts as `connecting`. */
  add(profile: EngineProfile): EngineStatus {
    validateProfile(profile);
    const id = profile.id ?? defaultEngineId(profile);
    if (this.engines.has(id))
      throw new CoreError('CONFLICT', `An engine with id "${id}" is already registered`, {
        field: 'id',
        reason: 'already registered',
      });
    const endpoint = resolveEndpoint(profile, this.passphrases);
    const engine = new Engine(
      { id, name: profile.name ?? id, endpoint: endpoint.endpoint },
      endpoint,
      {
        realm: this.realm,
        ...(this.options.stopTimeoutSeconds !== undefined && {
          stopTimeoutSeconds: this.options.stopTimeoutSeconds,
        }),
        ...(this.options.concurrency !== undefined && { concurrency: this.options.concurrency }),
        timing: this.timing,
        onStatus: (status) => this.notify(this.engineListeners, status),
        onChange: (change) => this.notify(this.containerListeners, { engineId: id, ...change }),
        swarm: {
          ...(profile.mode && { mode: profile.mode }),
          ...(profile.nodeAddresses && { nodeAddresses: profile.nodeAddresses }),
          ...(profile.placementTimeoutSeconds && {
            placementTimeoutMs: profile.placementTimeoutSeconds * 1000,
          }),
        },
      },
    );
    this.engines.set(id, engine);
    engine.start();
    return engine.snapshot();
  }

  /** Stops watching an engine; listeners see its containers removed from view. */
  async remove(engineId: string): Promise<void> {
    const engine = this.engine(engineId);
    this.engines.delete(engineId);
    await engine.retire();
  }

  statuses(): EngineStatus[] {
    return [...this.engines.values()].map((engine) => engine.snapshot());
  }

  manager(engineId: string): RealmManager {
    return this.engine(engineId).manager;
  }

  nodes(engineId: string): Promise<NodeSummary[]> {
    return this.engine(engineId).swarm().listNodes();
  }

  setNodeAvailability(engineId: string, nodeId: string, availability: NodeAvailability) {
    return this.engine(engineId).swarm().setNodeAvailability(nodeId, availability);
  }

  /** Every engine's realm, asked in parallel; a dead or slow engine yields its error, never blocks the rest. */
  listAll(): Promise<EngineListing[]> {
    return Promise.all(
      [...this.engines.values()].map((engine) =>
        engine.list().then(
          (containers) => ({ engineId: engine.id, containers }),
          (error: unknown) => ({
            engineId: engine.id,
            containers: [],
            error: errorPayloadOf(error),
          }),
        ),
      ),
    );
  }

  /**
   * Where each launch would go, in order, as `reserveEngines` would choose
   * now, and which other engines hold the same user's container; nothing is
   * reserved.
   */
  planEngines(choice: string, launches: LaunchKey[]): EnginePlan[] {
    const engines = this.candidates(choice).map((e) => ({ id: e.id, load: e.load.fork() }));
    return launches.map((launch) => {
      const held = this.refusal(choice, launch);
      const engine = held ? null : chooseEngine(engines, launch);
      engine?.load.reserve(launch);
      const id = held?.engine ?? engine!.id;
      return {
        engine: id,
        ...(held && { refused: held.refused }),
        alsoOn: this.alsoOn(id, launch),
      };
    });
  }

  /**
   * The engine each launch goes to, in order: the one named, or for 'any' a
   * connected engine (see `chooseEngine`). Each launch counts toward that
   * engine's load from here until its `release`, which the caller must call
   * when the launch settles, whether it succeeded or not: with the id of the
   * container it made, the launch counts until the engine's mirror lists it.
   * With 'any', a launch whose user's container of that mapping id is on an
   * engine not connected is refused (nothing counted): it would make a second.
   */
  reserveEngines(choice: string, launches: LaunchKey[]): EngineReservation[] {
    const engines = this.candidates(choice);
    return launches.map((launch) => {
      const held = this.refusal(choice, launch);
      if (held) return held;
      const engine = chooseEngine(engines, launch);
      return { engine: engine.id, release: engine.load.reserve(launch) };
    });
  }

  async givePassphrase(engineId: string, keyFile: string, passphrase: string): Promise<void> {
    const engine = this.engine(engineId);
    const need = engine.snapshot().ssh?.needs;
    // Only the key it asked for: the call opens no other file of the core's machine.
    if (need?.kind !== 'passphrase' || need.keyFile !== keyFile)
      throw new CoreError(
        'NOT_FOUND',
        `Engine "${engineId}" does not wait for the passphrase of ${keyFile}`,
        { field: 'keyFile', reason: 'not the key the engine waits for' },
      );
    await this.passphrases.give(keyFile, passphrase);
    engine.reconnectNow();
  }

  trustHostKey(engineId: string, fingerprint: string): void {
    this.engine(engineId).trustHostKey(fingerprint);
  }

  /** The connected engines, as the stats sampler reads them. */
  statsTargets(): StatsTarget[] {
    return [...this.engines.values()].flatMap((engine) => engine.statsTarget() ?? []);
  }

  onEngine(listener: (status: EngineStatus) => void): () => void {
    this.engineListeners.add(listener);
    return () => this.engineListeners.delete(listener);
  }

  onContainer(listener: (change: ContainerChange) => void): () => void {
    this.containerListeners.add(listener);
    return () => this.containerListeners.delete(listener);
  }

  async close(): Promise<void> {
    const engines = [...this.engines.values()];
    this.engines.clear();
    await Promise.all(engines.map((engine) => engine.close()));
  }

  /** The engines a launch may go to: the one named (unless unreachable), or every connected one. */
  private candidates(choice: string): Engine[] {
    if (typeof choice !== 'string' || choice === '')
      throw CoreError.validation('engine', 'must be an engine id or "any"');
    if (choice !== 'any') {
      const engine = this.engine(choice);
      const status = engine.snapshot();
      if (status.state === 'unreachable')
        throw engineUnreachable(status, status.lastError ?? 'not connected');
      const refusal = engine.launchRefusal();
      if (refusal) throw refusal;
      return [engine];
    }
    const connected = [...this.engines.values()].filter((e) => e.snapshot().state === 'connected');
    if (!connected.length) {
      const statuses = this.statuses();
      // Each engine tried, where, and why not: the operator's next step depends on it.
      const tried = statuses.map(
        (s) => `"${s.name}" (${s.endpoint}) is ${s.state}${s.lastError ? `: ${s.lastError}` : ''}`,
      );
      throw new CoreError(
        'ENGINE_UNREACHABLE',
        statuses.length
          ? `No engine is connected to launch on: ${tried.join('; ')}`
          : 'No engine is registered to launch on: add one in the Engines view',
        {
          field: 'engine',
          reason: 'no engine connected',
          engines: statuses.map((s) => ({
            id: s.id,
            endpoint: s.endpoint,
            state: s.state,
            lastError: s.lastError,
          })),
        },
      );
    }
    return connected;
  }

  /** For 'any': the engine not connected, if one, known to hold this launch's user and mapping id. */
  private refusal(
    choice: string,
    launch: LaunchKey,
  ): { engine: string; refused: CoreError } | null {
    if (choice !== 'any') return null;
    for (const engine of this.engines.values()) {
      const status = engine.snapshot();
      if (status.state === 'connected' || !engine.load.holds(launch)) continue;
      return { engine: engine.id, refused: heldOffline(status, launch, engine.held(launch)) };
    }
    return null;
  }

  /** The engines other than `engineId` that hold or are starting this launch's container. */
  private alsoOn(engineId: string, launch: LaunchKey): string[] {
    return [...this.engines.values()]
      .filter((e) => e.id !== engineId && e.load.holds(launch))
      .map((e) => e.id);
  }

  private engine(engineId: string): Engine {
    const engine = this.engines.get(engineId);
    if (!engine)
      throw new CoreError('NOT_FOUND', `engine: no engine "${engineId}" is registered`, {
        field: 'engine',
        reason: 'unknown engine',
      });
    return engine;
  }

  /** A listener that throws must not stop the others, nor the engine that called it. */
  private notify<T>(listeners: Set<(value: T) => void>, value: T): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        console.error('engine registry listener failed:', error);
      }
    }
  }
}
