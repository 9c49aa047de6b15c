import { CoreError, isCoreError } from '../api/errors';

/** What dockerode (docker-modem) attaches to a failed request. */
interface DockerModemError extends Error {
  statusCode?: number;
  code?: string;
  json?: { message?: string } | null;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'EACCES',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

/** TLS handshake failures (ERR_SSL_*, ERR_TLS_*) and the SSH leg's own codes (SSH_*). */
const UNREACHABLE_PREFIX = /^(ERR_SSL_|ERR_TLS_|SSH_)/;

/** Whether a failed call never reached a working daemon: the engine, not the request, is at fault. */
function isUnreachable(error: unknown): boolean {
  const code = (error as DockerModemError | undefined)?.code;
  return typeof code === 'string' && (UNREACHABLE.has(code) || UNREACHABLE_PREFIX.test(code));
}

export function dockerStatus(error: unknown): number | undefined {
  return (error as DockerModemError | undefined)?.statusCode;
}

/** The daemon's own words when it gave any, else the error's message. */
export function dockerMessage(error: unknown): string {
  const e = error as DockerModemError;
  return e?.json?.message ?? e?.message ?? String(error);
}

/** Who an error is about: the operator must see which engine failed. */
export interface EngineLabel {
  id: string;
  name: string;
  endpoint: string;
}

/** An ENGINE_UNREACHABLE error that names the engine and keeps the cause. */
export function engineUnreachable(engine: EngineLabel, cause: string, code?: string): CoreError {
  return new CoreError(
    'ENGINE_UNREACHABLE',
    `Engine "${engine.name}" (${engine.endpoint}) is unreachable: ${cause}`,
    { engineId: engine.id, engine: engine.name, cause: code ?? cause },
  );
}

/**
 * Maps a failure of a Docker call to a contract error an operator can act
 * on; an unreachable engine is named when the caller knows which it is.
 */
export function toCoreError(error: unknown, doing: string, engine?: EngineLabel): CoreError {
  if (error instanceof CoreError) return error;
  const e = error as DockerModemError;
  if (isUnreachable(e))
    return engine
      ? engineUnreachable(engine, `while ${doing}: ${e.message}`, e.code)
      : new CoreError(
          'ENGINE_UNREACHABLE',
          `Docker engine unreachable while ${doing}: ${e.message}`,
          {
            cause: e.code,
          },
        );
  const status = e?.statusCode;
  const message = `${doing} failed: ${dockerMessage(e)}`;
  if (status === 404) return new CoreError('NOT_FOUND', message, { status });
  if (status === 409) return new CoreError('CONFLICT', message, { status });
  return new CoreError('INTERNAL', message, { status });
}

/** A failure in one line for an engine's status: the message, and the code when it adds to it. */
export function failureText(error: unknown): string {
  if (isCoreError(error)) return error.message;
  const e = error as { message?: string; code?: string };
  const message = e?.message || String(error);
  return e?.code && !message.includes(e.code) ? `${message} (${e.code})` : message;
}
