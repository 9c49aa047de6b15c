import { CoreError } from '../api/errors';
import { probePause } from './probe-schedule';

export interface ProbeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

// As many as simphony-remote's HTTP client follows.
const MAX_REDIRECTS = 5;

const redirectOf = (response: Response) =>
  response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;

/**
 * One GET of `url`, following redirects only within its origin: the app may
 * send the probe elsewhere on its own port (a notebook's root to its tree),
 * never to another address, for it would make the core request any address.
 */
async function probeOnce(url: string, signal: AbortSignal): Promise<Response> {
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    const response = await fetch(current, { redirect: 'manual', signal });
    await response.body?.cancel();
    const location = redirectOf(response);
    if (location === null || hop === MAX_REDIRECTS) return response;
    const next = new URL(location, current);
    if (next.origin !== current.origin) return response;
    current = next;
  }
}

/**
 * Waits until `url` answers 2xx, as simphony-remote's
 * `wait_for_http_server_2xx` does before it routes a new container; it follows
 * redirects as the seed does, but only to the same origin. Refused
 * connections and other statuses (a redirect elsewhere too) are retried on
 * `probePause`'s schedule until the time is up, then TIMEOUT names the URL
 * and the last answer.
 */
export async function waitForHttp2xx(url: string, options: ProbeOptions): Promise<void> {
  const start = Date.now();
  const deadline = start + options.timeoutMs;
  let last = 'no answer';
  for (;;) {
    options.signal?.throwIfAborted();
    const left = deadline - Date.now();
    if (left <= 0) break;
    try {
      const attempt = AbortSignal.timeout(Math.min(left, 2000));
      const signal = options.signal ? AbortSignal.any([attempt, options.signal]) : attempt;
      const response = await probeOnce(url, signal);
      if (response.ok) return;
      last = `HTTP ${response.status}${redirectOf(response) === null ? '' : ' (redirect not followed)'}`;
    } catch (error) {
      options.signal?.throwIfAborted();
      const cause = (error as { cause?: { code?: string } }).cause;
      last = cause?.code ?? (error as Error).name;
    }
    const pause = Math.min(probePause(Date.now() - start), deadline - Date.now());
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  throw new CoreError(
    'TIMEOUT',
    `${url} did not answer with 2xx within ${options.timeoutMs / 1000} s (last: ${last})`,
    { url, timeoutMs: options.timeoutMs, last },
  );
}
