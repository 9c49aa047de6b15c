import { memo } from 'react';
import { paletteOf } from '../../components/palette';
import { useApp } from '../../context/app-context';
import { formatBytes, formatPercent } from '../../format/resources';
import type { ContainerKey } from '../../store/container-key';
import { Sparkline } from './sparkline';
import './stats-cells.css';

/**
 * A row's CPU and memory cells. Each selects only its container's samples,
 * so that a batch re-renders these cells of the rows in view and not the rows.
 */
export const CpuCell = memo(function CpuCell({ rowKey }: { rowKey: ContainerKey }) {
  const entry = useApp((s) => s.stats[rowKey]);
  const theme = useApp((s) => s.preferences.theme);
  if (!entry) return <span className="muted">—</span>;
  return (
    <span className="cell-stat">
      {/* One CPU fully used fills the height; more than one raises the scale. */}
      <Sparkline entry={entry} series="cpu" color={paletteOf(theme).cpu} floor={100} headroom={1} />
      <span className="stat-value">{formatPercent(entry.latest.cpuPercent)}</span>
    </span>
  );
});

export const MemoryCell = memo(function MemoryCell({ rowKey }: { rowKey: ContainerKey }) {
  const entry = useApp((s) => s.stats[rowKey]);
  const theme = useApp((s) => s.preferences.theme);
  if (!entry) return <span className="muted">—</span>;
  const { memoryBytes, memoryLimitBytes } = entry.latest;
  return (
    <span
      className="cell-stat"
      title={`${formatBytes(memoryBytes)} of ${formatBytes(memoryLimitBytes)}`}
    >
      {/* Scaled to its own peak: the shape says whether it grows. */}
      <Sparkline
        entry={entry}
        series="memory"
        color={paletteOf(theme).memory}
        floor={1}
        headroom={1.25}
      />
      <span className="stat-value">{formatBytes(memoryBytes)}</span>
    </span>
  );
});
