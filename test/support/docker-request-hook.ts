import { startDockerRelay } from './docker-relay';

/**
 * A relay in front of a real Docker engine that runs `before` when a request
 * matching `pattern` (`METHOD /path`, the API version left out) arrives, and
 * passes that request on only once `before` is done: something happens on
 * the machine exactly between two Docker calls of one operation, with
 * nothing in the code under test to let it in.
 */
export async function startDockerRequestHook(
  dockerHost: string,
  pattern: RegExp,
  before: () => void | Promise<void>,
) {
  const matched: string[] = [];
  const relay = await startDockerRelay(dockerHost, {
    async before(line) {
      if (!pattern.test(line)) return;
      matched.push(line);
      await before();
    },
  });
  return {
    ...relay,
    /** The requests `before` ran for, as `METHOD /path`. */
    matched,
  };
}
