import type { ErrorPayload } from '../api/errors';

/** `remoteapp-admin: CODE: message`: what a script greps for, what an operator reads. */
export function errorLine(error: Pick<ErrorPayload, 'code' | 'message'>, about?: string): string {
  return `remoteapp-admin: ${error.code}: ${about ? `${about}: ` : ''}${error.message}`;
}
