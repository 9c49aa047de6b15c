import { CoreError, isCoreError } from '../api/errors';
import type { RealmContainer } from '../realm/container';
import type { StartResult } from '../realm/container-manager';
import type { RealmManager } from '../realm/realm-manager';
import type { StartRequest } from '../realm/start-request';
import { withoutEndSlash } from '../realm/url-path';
import pLimit from 'p-limit';
import { waitForHttp2xx } from './readiness-probe';

/** `starting` until the app answers 2xx at its urlpath; `unresponsive` if it never did. */
export type Readiness = 'starting' | 'ready' | 'unresponsive';

export interface ReadinessChange {
  engineId: string;
  id: string;
  /** null: forgotten (the container stopped or was removed). */
  readiness: Readiness | null;
}

/** Where simphony-remote probes a new container: its urlpath with the end slash. */
function readinessUrl(container: RealmContainer): string {
  return `http://${container.ip}:${container.port}${withoutEndSlash(container.urlpath)}/`;
}

const key = (engineId: string, id: string) => `${engineId}/${id}`;

/**
 * Readiness as simphony-remote's web API does it: after a start, wait until
 * the container's app answers 2xx at its urlpath; one that never does is
 * removed and the launch fails saying so. Containers found running (not
 * launched here) are probed the same way but never removed.
 */
export class ReadinessService {
  private readonly states = new Map<string, Readiness>();
  private readonly listeners = new Set<(change: ReadinessChange) => void>();
  private readonly closing = new AbortController();
  // Found containers are probed a few at a time: a realm of thousands must not flood the loopback.
  private readonly watchLimit = pLimit(16);

  constructor(private options: { timeoutMs: number }) {}

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  set timeoutMs(value: number) {
    this.options = { ...this.options, timeoutMs: value };
  }

  readiness(engineId: string, id: string): Readiness | null {
    return this.states.get(key(engineId, id)) ?? null;
  }

  onChange(listener: (change: ReadinessChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts a container through `manager` and returns once its app answers.
   * On TIMEOUT the container has been stopped and removed.
   */
  async launch(engineId: string, manager: RealmManager, request: StartRequest) {
    const result: StartResult = await manager.startContainer(request);
    const { container } = result;
    if (!this.states.has(key(engineId, container.id))) this.set(engineId, container.id, 'starting');
    try {
      await this.probe(container);
    } catch (error) {
      this.forget(engineId, container.id);
      // Nothing half-done: the container that never became ready goes.
      await manager.stopAndRemoveContainer(container.id).catch(() => undefined);
      if (!isCoreError(error, 'TIMEOUT')) throw error;
      throw new CoreError(
        'TIMEOUT',
        `The application in container ${container.name} did not become ready: it did not answer at ${withoutEndSlash(container.urlpath)}/ within ${this.timeoutMs / 1000} s, so the container was removed`,
        { ...error.details, id: container.id, urlpath: container.urlpath, removed: true },
      );
    }
    this.settle(engineId, container.id, 'ready');
    return result;
  }

  /**
   * Probes a running container that this service did not launch, unless a
   * probe is already under way or it answered before. Never removes it.
   */
  watch(engineId: string, container: RealmContainer): void {
    const state = this.states.get(key(engineId, container.id));
    if (state === 'starting' || state === 'ready' || container.port === null) return;
    this.set(engineId, container.id, 'starting');
    this.watchLimit(() => this.probe(container)).then(
      () => this.settle(engineId, container.id, 'ready'),
      () => this.settle(engineId, container.id, 'unresponsive'),
    );
  }

  forget(engineId: string, id: string): void {
    if (this.states.delete(key(engineId, id))) this.emit({ engineId, id, readiness: null });
  }

  /** Stops every probe under way. */
  close(): void {
    this.closing.abort();
  }

  private probe(container: RealmContainer): Promise<void> {
    return waitForHttp2xx(readinessUrl(container), {
      timeoutMs: this.timeoutMs,
      signal: this.closing.signal,
    });
  }

  /** A probe's outcome counts only if the container was not forgotten meanwhile. */
  private settle(engineId: string, id: string, readiness: Readiness): void {
    if (this.states.get(key(engineId, id)) === 'starting') this.set(engineId, id, readiness);
  }

  private set(engineId: string, id: string, readiness: Readiness): void {
    this.states.set(key(engineId, id), readiness);
    this.emit({ engineId, id, readiness });
  }

  private emit(change: ReadinessChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
