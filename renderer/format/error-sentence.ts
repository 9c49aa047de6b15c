import type { ErrorCode, ErrorPayload } from '../../src-core/api/errors';

/** A plain sentence per error code: what happened, in the operator's terms. */
const SENTENCES: Record<ErrorCode, string> = {
  OPERATION_IN_PROGRESS:
    'This container is already being started or stopped. Wait for that to finish.',
  MULTIPLE_RESULTS: 'More than one container matches. Pick one from the table.',
  IMAGE_NOT_FOUND: 'The image is not on this engine. Pull or build it there first.',
  REALM_VIOLATION: 'That container belongs to another realm; this tool leaves it alone.',
  ENGINE_UNREACHABLE: 'The Docker engine does not answer. Check that it is running and reachable.',
  VALIDATION: 'Some input is not valid.',
  NOT_FOUND: 'It was not found: it does not exist here, or no longer does.',
  CONFLICT: 'It conflicts with something that already exists.',
  TIMEOUT: 'It took too long and was given up.',
  UNAUTHORIZED: 'This session is not allowed to do that.',
  DISCONNECTED:
    'The connection to the host dropped. It is retried; the list may be out of date meanwhile.',
  INTERNAL: 'Something went wrong inside the application.',
};

export function errorSentence(error: ErrorPayload): string {
  const { field, reason } = error.details;
  // A refusal that names its field says which and why: that is the useful part.
  if (error.code === 'VALIDATION' && field && reason) return `${field} ${String(reason)}.`;
  return SENTENCES[error.code] ?? SENTENCES.INTERNAL;
}
