const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** "48.1 MiB", "7.6 GiB": binary units, as `docker stats` shows memory. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 || value >= 100 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

/** "1.2 KiB/s". */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** "0.4%", "12.3%", "187%": 100 is one CPU. */
export function formatPercent(percent: number): string {
  const value = Math.max(0, percent);
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)}%`;
}
