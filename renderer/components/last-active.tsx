import { useSyncExternalStore } from 'react';
import { formatDuration } from '../format/duration';
import { currentSecondMs, subscribeSeconds } from './second-ticker';

const never = () => () => {};

/** How long ago the container was last used through the proxy, on the shared ticker. */
export function LastActive({ lastActivity }: { lastActivity: string | null }) {
  const at = lastActivity === null ? null : Date.parse(lastActivity);
  const text = useSyncExternalStore(at === null ? never : subscribeSeconds, () =>
    at === null ? null : `${formatDuration(currentSecondMs() - at)} ago`,
  );
  if (text === null)
    return (
      <span className="muted" title="No request through the proxy since it started">
        —
      </span>
    );
  return <span title={lastActivity!}>{text}</span>;
}
