import { useEffect, useState } from 'react';
import { formatDuration } from '../format/duration';

/** Time since `createdSeconds`, ticking on its own so that rows do not re-render for it. */
export function Uptime({ createdSeconds, running }: { createdSeconds: number; running: boolean }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [running]);
  if (!running) return <span className="muted">—</span>;
  return <span>{formatDuration(now - createdSeconds * 1000)}</span>;
}
