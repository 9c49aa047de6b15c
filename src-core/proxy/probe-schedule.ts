// An app in a container mostly answers within a second of its start, and a
// probe of a port nothing answers on yet costs next to nothing: poll as often
// as a client watching the port would.
const FAST_MS = 10;
const FAST_FOR_MS = 1000;
// Then a tenth of the wait so far: an app found at most 10% later than it answered.
const SLOWING = 0.1;
// A container that never answers (found running, probed until the timeout): one request a second.
const MAX_MS = 1000;

/** The pause before the next readiness probe, after `elapsedMs` of waiting. */
export function probePause(elapsedMs: number): number {
  if (elapsedMs < FAST_FOR_MS) return FAST_MS;
  return Math.min(MAX_MS, Math.max(FAST_MS, elapsedMs * SLOWING));
}
