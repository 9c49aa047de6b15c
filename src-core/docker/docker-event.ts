/** One container event, whichever generation of the events API sent it. */
export interface ContainerEvent {
  id: string;
  action: string;
  /** A `die` event's exit code. */
  exitCode?: number;
}

/** Actions that leave a container's listing as it was: no need to ask the engine again. */
const QUIET = new Set([
  'attach',
  'detach',
  'resize',
  'top',
  'archive-path',
  'extract-to-dir',
  'export',
  'commit',
  'copy',
  'exec_create',
  'exec_start',
  'exec_die',
  'exec_detach',
]);

/**
 * Reads both the new fields (`Type`, `Action`, `Actor.ID`) and the old ones
 * (`status`, `id`) that daemons before API 1.22 send, and only those.
 * Null for events that are not about a container, or that change nothing listed.
 */
export function containerEvent(raw: unknown): ContainerEvent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const e = raw as {
    Type?: string;
    Action?: string;
    Actor?: { ID?: string; Attributes?: Record<string, string> };
    status?: string;
    id?: string;
  };
  if (e.Type !== undefined && e.Type !== 'container') return null;
  const id = e.Actor?.ID ?? e.id;
  // `exec_start: sh -c ...` and `health_status: healthy` carry a detail after the colon.
  const action = (e.Action ?? e.status ?? '').split(':')[0]!.trim();
  if (!id || !action || QUIET.has(action)) return null;
  const exitCode = Number(e.Actor?.Attributes?.exitCode);
  return { id, action, ...(action === 'die' && Number.isInteger(exitCode) && { exitCode }) };
}

/** Splits a stream of newline-separated JSON documents; the last piece may be partial. */
export function jsonLines(onValue: (value: unknown) => void): (chunk: Buffer | string) => void {
  let rest = '';
  return (chunk) => {
    rest += chunk.toString();
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        onValue(JSON.parse(line));
      } catch {
        // A line that is not JSON is not an event; the next resync covers anything missed.
      }
    }
  };
}

/**
 * Whether a listing read after `action` still shows the container as it was
 * before: dockerd sends some events (die, start) before its list view reflects
 * them (after a die, only once the container's clean-up is done, which can take
 * a few hundred milliseconds), so such a read is stale.
 */
export function listingLags(action: string, state: string | null): boolean {
  if (state === null) return action !== 'destroy';
  switch (action) {
    case 'die':
    case 'stop':
    case 'oom':
    case 'pause':
      return state === 'running';
    case 'start':
    case 'restart':
      return state === 'created';
    case 'unpause':
      return state === 'paused';
    default:
      return false;
  }
}
