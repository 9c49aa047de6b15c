/** An error for a call that got no answer in time; `code` marks it as the engine's fault. */
export class NoAnswerError extends Error {
  readonly code = 'ETIMEDOUT';
}

/** `promise`, or a NoAnswerError once `ms` have passed without it settling. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerError(`no answer to ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
