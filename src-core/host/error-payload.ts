import { CoreError, type ErrorPayload } from '../api/errors';

/**
 * Any failure as it crosses the contract. A CoreError already says what the
 * operator can do; anything else is a bug, logged here with its stack.
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof CoreError) return error.toPayload();
  console.error('unexpected failure in a contract call:', error);
  const message = error instanceof Error ? error.message : String(error);
  return new CoreError('INTERNAL', `Unexpected failure: ${message}`).toPayload();
}
