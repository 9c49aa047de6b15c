import { useSyncExternalStore } from 'react';
import { formatDuration } from '../format/duration';
import { currentSecondMs, subscribeSeconds } from './second-ticker';

const stopped = () => () => {};

/** Time since `createdSeconds`, on the shared ticker, so that its row does not re-render for it. */
export function Uptime({ createdSeconds, running }: { createdSeconds: number; running: boolean }) {
  const text = useSyncExternalStore(running ? subscribeSeconds : stopped, () =>
    running ? formatDuration(currentSecondMs() - createdSeconds * 1000) : null,
  );
  if (text === null) return <span className="muted">—</span>;
  return <span>{text}</span>;
}
