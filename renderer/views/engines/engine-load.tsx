import { useApp } from '../../context/app-context';
import { formatBytes } from '../../format/resources';
import '../../styles/charts.css';
import './engine-load.css';

function LoadBar({ label, used, capacity }: { label: string; used: number; capacity: number }) {
  const percent = capacity > 0 ? Math.min(100, (used / capacity) * 100) : 0;
  return (
    <span
      className={`load-bar${percent >= 90 ? ' high' : ''}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(percent)}
    >
      <span className="load-fill" style={{ width: `${percent}%` }} />
    </span>
  );
}

/**
 * The engine's realm containers together against its capacity: CPUs used of
 * its CPUs, memory of its memory. Rows of a card's summary; none while the
 * engine is not sampled (down, or before the first batch).
 */
export function EngineLoad({ engine }: { engine: string }) {
  const sample = useApp((s) => s.engineStats[engine]);
  if (!sample) return null;
  const cpus = sample.cpuPercent / 100;
  return (
    <>
      <dt>CPU</dt>
      <dd className="engine-load" data-load="cpu">
        <span className="load-text">
          {cpus.toFixed(2)} of {sample.cpus} CPUs
        </span>
        <LoadBar label="CPU in use" used={sample.cpuPercent} capacity={sample.cpus * 100} />
      </dd>
      <dt>Memory</dt>
      <dd className="engine-load" data-load="memory">
        <span className="load-text">
          {formatBytes(sample.memoryBytes)} of {formatBytes(sample.memTotalBytes)}
        </span>
        <LoadBar label="Memory in use" used={sample.memoryBytes} capacity={sample.memTotalBytes} />
      </dd>
    </>
  );
}
