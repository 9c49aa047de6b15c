/** "3d 4h", "2h 5m", "45s": the two largest units, as a table cell has room for. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

/** "14:03:22" today, else "2026-11-27 14:03". */
export function formatTime(ms: number, now = Date.now()): string {
  const date = new Date(ms);
  const time = date.toLocaleTimeString([], { hour12: false });
  if (new Date(now).toDateString() === date.toDateString()) return time;
  return `${date.toISOString().slice(0, 10)} ${time.slice(0, 5)}`;
}
