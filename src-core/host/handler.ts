import type { CallName, EventName, EventPayload, Response, ValidRequest } from '../api/contract';
import type { Domain } from '../api/define';

/** What a handler may do besides answering: push events, and tie clean-ups to its session. */
export interface CallContext {
  /** Sends an event to every open session. */
  broadcast<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Sends an event to the calling session only. */
  reply<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Runs `cleanup` when the session closes; returns a function that cancels that. */
  onClose(cleanup: () => void): () => void;
  /** Per-session state a handler keeps across calls (log follows...). */
  readonly state: Map<string, unknown>;
}

export type Handler<N extends CallName> = (
  request: ValidRequest<N>,
  context: CallContext,
) => Promise<Response<N>>;

/** The handlers of one domain module: exactly its calls, each typed from the contract. */
export type DomainHandlers<D extends Domain> = {
  [N in keyof D['calls'] & CallName]: Handler<N>;
};

export type Handlers = { [N in CallName]: Handler<N> };
