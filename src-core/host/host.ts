import { calls, isCallName, type EventName, type EventPayload } from '../api/contract';
import { CoreError, errorPayloadOf, isCoreError } from '../api/errors';
import { parseOrThrow } from '../api/validation';
import type { Reply } from '../api/wire';
import { toContainerView } from './to-container-view';
import type { CallContext, Handler, Handlers } from './handler';
import { contractHandlers } from './handlers';
import type { HostServices } from './services';

/** Who is on the other end, as the transport established it. */
export interface Peer {
  transport: 'ipc' | 'websocket' | 'in-process';
  /** For logs and the audit trail: the window, the remote address... */
  label: string;
}

/** Receives the events meant for one session, in the order they were emitted. */
export type Deliver = (name: EventName, payload: unknown) => void;

/** One caller's connection to the host: it calls, and it receives events until closed. */
export interface Session {
  readonly peer: Peer;
  invoke(name: string, request: unknown): Promise<Reply>;
  close(): void;
}

export interface Host {
  /**
   * Opens a session for a peer that its transport has already checked (the
   * app's own window, a WebSocket with the run's token...).
   */
  open(peer: Peer, deliver: Deliver): Session;
  /** Closes every session and stops listening to the services. */
  close(): void;
}

/**
 * Binds the contract to the services. It validates every request against
 * its schema before a handler runs, so nothing malformed reaches Docker, and
 * maps every failure to `{ code, message, details }`. It knows nothing of
 * transports.
 */
export function createHost(
  services: HostServices,
  handlers: Handlers = contractHandlers(services),
): Host {
  const sessions = new Set<{ deliver: Deliver; close(): void }>();

  const broadcast = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    // The history counts each operation's items as they go out.
    if (name === 'operations.progress')
      services.history?.record(payload as EventPayload<'operations.progress'>);
    for (const session of sessions) session.deliver(name, payload);
  };

  const unsubscribe = [
    services.engines.onEngine((status) => broadcast('engines.changed', status)),
    services.engines.onContainer((change) =>
      broadcast(
        'containers.changed',
        change.kind === 'removed'
          ? { engine: change.engineId, kind: 'removed', id: change.id }
          : {
              engine: change.engineId,
              kind: change.kind,
              container: toContainerView(services, change.engineId, change.container),
            },
      ),
    ),
    ...(services.catalog
      ? [
          services.catalog.onChange((what) => broadcast('catalog.changed', { what })),
          services.catalog.onAudit((entry) => broadcast('catalog.audited', entry)),
        ]
      : []),
    ...(services.proxy
      ? [
          services.proxy.onReadiness(({ engineId, id, readiness }) =>
            broadcast('proxy.readiness', {
              engine: engineId,
              id,
              readiness,
              url: services.proxy!.urlOf(engineId, id),
            }),
          ),
          services.proxy.activity.onChange((changes) =>
            broadcast('containers.activity', {
              changes: changes.map(({ engineId, id, at }) => ({
                engine: engineId,
                id,
                lastActivity: new Date(at).toISOString(),
              })),
            }),
          ),
        ]
      : []),
    ...(services.cull ? [services.cull.onCulled((report) => broadcast('cull.done', report))] : []),
  ];

  function open(peer: Peer, deliver: Deliver): Session {
    const cleanups = new Set<() => void>();
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      sessions.delete(entry);
      for (const cleanup of cleanups) cleanup();
      cleanups.clear();
    };
    const entry = { deliver, close };
    sessions.add(entry);
    const context: CallContext = {
      broadcast,
      reply: (name, payload) => {
        if (open) deliver(name, payload);
      },
      onClose: (cleanup) => {
        cleanups.add(cleanup);
        return () => cleanups.delete(cleanup);
      },
      state: new Map(),
    };

    return {
      peer,
      async invoke(name, request) {
        try {
          if (!open) throw new CoreError('UNAUTHORIZED', 'This session is closed');
          if (!isCallName(name))
            throw CoreError.validation(
              'name',
              `"${String(name).slice(0, 64)}" is not a call of the contract`,
            );
          const spec = calls[name];
          const valid = parseOrThrow(spec.request, request);
          const result = await (handlers[name] as Handler<typeof name>)(valid as never, context);
          const checked = spec.response.safeParse(result);
          if (!checked.success)
            throw new CoreError('INTERNAL', `The answer to ${name} does not match the contract`, {
              issues: checked.error.issues
                .slice(0, 3)
                .map((i) => `${i.path.join('.')}: ${i.message}`),
            });
          return { ok: true, result: checked.data };
        } catch (error) {
          // Anything but a CoreError is a bug: its stack is for the log.
          if (!isCoreError(error)) console.error(`unexpected failure in ${String(name)}:`, error);
          return { ok: false, error: errorPayloadOf(error) };
        }
      },
      close,
    };
  }

  return {
    open,
    close() {
      for (const stop of unsubscribe) stop();
      for (const session of [...sessions]) session.close();
    },
  };
}
