/**
 * The closed set of error codes that cross the contract. The UI keys its
 * messages on these, so adding one is a contract change.
 */
export const ERROR_CODES = [
  'OPERATION_IN_PROGRESS',
  'MULTIPLE_RESULTS',
  'IMAGE_NOT_FOUND',
  'REALM_VIOLATION',
  'ENGINE_UNREACHABLE',
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'TIMEOUT',
  'UNAUTHORIZED',
  /** The connection between the UI (or a script) and the host dropped. */
  'DISCONNECTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetails {
  /** The request field at fault, as a path such as `volumes[1].source`. */
  field?: string;
  reason?: string;
  [key: string]: unknown;
}

/** The shape an error has on the wire. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
}

export class CoreError extends Error {
  override readonly name = 'CoreError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }

  static validation(field: string, reason: string): CoreError {
    return new CoreError('VALIDATION', `${field}: ${reason}`, { field, reason });
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, details: this.details };
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}

/**
 * Any failure as the contract carries it: a CoreError, or an error that
 * already carries a contract code (a ContractError, a payload off a
 * transport), keeps its code; anything else is a bug, INTERNAL with its
 * message. The one converter of the core, its front ends and the renderer.
 */
export function errorPayloadOf(error: unknown): ErrorPayload {
  if (error instanceof CoreError) return error.toPayload();
  if (typeof error === 'object' && error !== null && 'code' in error && isErrorCode(error.code)) {
    const { message, details } = error as Partial<ErrorPayload>;
    return { code: error.code, message: String(message), details: details ?? {} };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected failure: ${message}`, details: {} };
}

export function isCoreError(value: unknown, code?: ErrorCode): value is CoreError {
  return value instanceof CoreError && (code === undefined || value.code === code);
}
