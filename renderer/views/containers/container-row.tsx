import { memo, useContext, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AppIcon } from '../../components/app-icon';
import { LastActive } from '../../components/last-active';
import { StateBadge } from '../../components/state-badge';
import { Uptime } from '../../components/uptime';
import { useApp, useServices } from '../../context/app-context';
import type { ContainerKey } from '../../store/container-key';
import { isStale } from '../../store/engines-slice';
import { applicationName } from '../../store/images-slice';
import type { ColumnId } from '../../store/preferences-slice';
import { RowRenderProbe } from './render-probe';
import { CpuCell, MemoryCell } from './stats-cells';

export const ROW_HEIGHT = 40;

/**
 * One container. It selects only its own entry (and its engine's staleness,
 * selection and image), so that a change to another container does not
 * render it again.
 */
export const ContainerRow = memo(function ContainerRow({
  rowKey,
  top,
  columns,
}: {
  rowKey: ContainerKey;
  top: number;
  columns: ColumnId[];
}) {
  useContext(RowRenderProbe)?.(rowKey);
  const { openUrl, store } = useServices();
  const { c, stale, selected, focused, image, readiness } = useApp(
    useShallow((s) => {
      const c = s.containers[rowKey];
      return {
        c,
        stale: c ? isStale(s, c.engine) : false,
        selected: s.selection[rowKey] === true,
        focused: s.focused === rowKey,
        readiness: s.readiness[rowKey],
        image: c ? (s.imageIndex[c.image] ?? s.imageIndex[c.imageId]) : undefined,
      };
    }),
  );
  if (!c) return null;
  const app = applicationName(image, c.image);
  const cells: Record<ColumnId, ReactNode> = {
    user: <span className="cell-user">{c.user}</span>,
    application: (
      <span className="cell-app" title={c.image}>
        <AppIcon image={image} name={app} />
        <span className="truncate">{app}</span>
      </span>
    ),
    engine: (
      <span className="truncate" title={c.node ? `${c.engine}, on node ${c.node}` : c.engine}>
        {c.engine}
        {c.node && <span className="cell-node muted"> · {c.node}</span>}
      </span>
    ),
    state: <StateBadge state={c.state} stale={stale} />,
    cpu: <CpuCell rowKey={rowKey} />,
    memory: <MemoryCell rowKey={rowKey} />,
    uptime: <Uptime createdSeconds={c.created} running={c.state === 'running'} />,
    lastActive: <LastActive lastActivity={c.lastActivity} />,
    url:
      readiness === 'starting' ? (
        <span className="muted">waiting for the app…</span>
      ) : readiness === 'unresponsive' ? (
        <span className="warning">the app does not answer</span>
      ) : c.service && c.state !== 'running' ? (
        // Swarm's own words: why the task waits (no suitable node...) or failed.
        <span className="truncate warning cell-swarm-status" title={c.status}>
          {c.status}
        </span>
      ) : c.url ? (
        <a
          className="truncate url"
          href={c.url}
          onClick={(e) => {
            e.preventDefault();
            e.stopPropagation();
            openUrl(c.url!);
          }}
        >
          {c.url.replace(/^https?:\/\//, '')}
        </a>
      ) : (
        <span className="muted">—</span>
      ),
  };
  return (
    <div
      className={`row${selected ? ' selected' : ''}${focused ? ' focused' : ''}${stale ? ' stale' : ''}`}
      role="row"
      aria-selected={selected}
      data-key={rowKey}
      data-user={c.user}
      data-state={c.state}
      data-stale={stale || undefined}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey) store.getState().toggleSelected(rowKey);
        else store.getState().focus(rowKey);
      }}
    >
      <span className="cell check" role="gridcell" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          aria-label={`Select ${c.user} ${app}`}
          checked={selected}
          onChange={() => store.getState().toggleSelected(rowKey)}
        />
      </span>
      {columns.map((col) => (
        <span key={col} className={`cell col-${col}`} role="gridcell">
          {cells[col]}
        </span>
      ))}
    </div>
  );
});
