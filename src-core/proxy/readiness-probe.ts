import { CoreError } from '../api/errors';

export interface ProbeOptions {
  timeoutMs: number;
  /** Pause between attempts. */
  intervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Waits until `url` answers 2xx (following redirects), as simphony-remote's
 * `wait_for_http_server_2xx` does before it routes a new container. Refused
 * connections and other statuses are retried until the time is up, then
 * TIMEOUT names the URL and the last answer.
 */
export async function waitForHttp2xx(url: string, options: ProbeOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  let last = 'no answer';
  for (;;) {
    options.signal?.throwIfAborted();
    const left = deadline - Date.now();
    if (left <= 0) break;
    try {
      const attempt = AbortSignal.timeout(Math.min(left, 2000));
      const signal = options.signal ? AbortSignal.any([attempt, options.signal]) : attempt;
      const response = await fetch(url, { redirect: 'follow', signal });
      await response.body?.cancel();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      options.signal?.throwIfAborted();
      const cause = (error as { cause?: { code?: string } }).cause;
      last = cause?.code ?? (error as Error).name;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(interval, deadline - Date.now())));
  }
  throw new CoreError(
    'TIMEOUT',
    `${url} did not answer with 2xx within ${options.timeoutMs / 1000} s (last: ${last})`,
    { url, timeoutMs: options.timeoutMs, last },
  );
}
