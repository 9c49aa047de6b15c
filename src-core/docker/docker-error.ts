import { CoreError } from '../api/errors';

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
]);

export function dockerStatus(error: unknown): number | undefined {
  return (error as DockerModemError | undefined)?.statusCode;
}

/** The daemon's own words when it gave any, else the error's message. */
export function dockerMessage(error: unknown): string {
  const e = error as DockerModemError;
  return e?.json?.message ?? e?.message ?? String(error);
}

/** Maps a failure of a Docker call to a contract error an operator can act on. */
export function toCoreError(error: unknown, doing: string): CoreError {
  if (error instanceof CoreError) return error;
  const e = error as DockerModemError;
  if (e?.code && UNREACHABLE.has(e.code))
    return new CoreError(
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
