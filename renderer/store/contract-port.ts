import type { ContractClient } from '../../src-core/api/client';
import type { ErrorPayload } from '../../src-core/api/errors';

/**
 * What the store needs of the contract client: invoke a call, subscribe to
 * an event. Both transports (Electron preload, serve-mode WebSocket) give it.
 */
export type ContractPort = Pick<ContractClient, 'call' | 'on'>;

/** Any rejection as the contract's error shape, so that views can show code and sentence. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const e = error as Partial<ErrorPayload>;
    return {
      code: (e.code ?? 'INTERNAL') as ErrorPayload['code'],
      message: String(e.message),
      details: (e.details as ErrorPayload['details']) ?? {},
    };
  }
  return {
    code: 'INTERNAL',
    message: error instanceof Error ? error.message : String(error),
    details: {},
  };
}
