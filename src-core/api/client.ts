import type { CallName, EventName, EventPayload, Request, Response } from './contract';
import type { ErrorCode, ErrorDetails, ErrorPayload } from './errors';
import type { ContractBridge } from './bridge';

/** A failed call, with the contract's code for the UI to key its message on. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.details = payload.details;
  }
}

/** How a client reaches the host: the preload's bridge, or a WebSocket in serve mode. */
export interface ContractTransport extends ContractBridge {
  close?(): void;
}

export interface ContractClient {
  /** Calls the host; rejects with a ContractError carrying the contract's code. */
  call<N extends CallName>(name: N, request: Request<N>): Promise<Response<N>>;
  /** Listens to one event; returns the function that stops listening. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): void;
}

/** The typed face of the contract over any transport. */
export function createClient(transport: ContractTransport): ContractClient {
  return {
    async call(name, request) {
      const reply = await transport.invoke(name, request);
      if (!reply.ok) throw new ContractError(reply.error);
      return reply.result as never;
    },
    on(name, listener) {
      return transport.on(name, listener as (payload: unknown) => void);
    },
    close() {
      transport.close?.();
    },
  };
}
