import type { ErrorPayload } from '../../src-core/api/errors';
import { errorSentence } from '../format/error-sentence';

/** An error as operators see it: the plain sentence, the code, and the host's own message. */
export function ErrorNotice({
  error,
  compact = false,
}: {
  error: ErrorPayload;
  compact?: boolean;
}) {
  return (
    <div
      className={compact ? 'error-notice compact' : 'error-notice'}
      role="alert"
      data-code={error.code}
      title={error.message}
    >
      <span className="error-code">{error.code}</span>
      <span className="error-sentence">{errorSentence(error)}</span>
      {!compact && !(error.code === 'VALIDATION' && error.details.field) && (
        <span className="error-message">{error.message}</span>
      )}
    </div>
  );
}
