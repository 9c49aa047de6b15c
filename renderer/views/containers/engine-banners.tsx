import { useShallow } from 'zustand/react/shallow';
import { useApp, useServices } from '../../context/app-context';
import { formatTime } from '../../format/duration';

/** One line per engine that is not connected: its rows below are last known, not current. */
export function EngineBanners() {
  const { store } = useServices();
  const down = useApp(
    useShallow((s) =>
      s.engineOrder.map((id) => s.engines[id]!).filter((e) => e.state !== 'connected'),
    ),
  );
  const counts = useApp(useShallow(store.derived.engineCounts));
  if (down.length === 0) return null;
  return (
    <div className="banners">
      {down.map((e) => (
        <div key={e.id} className={`banner engine-${e.state}`} role="status" data-engine={e.id}>
          <strong>{e.name}</strong>{' '}
          {e.state === 'connecting'
            ? 'is connecting…'
            : `is ${e.state} since ${formatTime(e.since)}${e.lastError ? ` (${e.lastError})` : ''}.`}{' '}
          {counts[e.id]
            ? `Its ${counts[e.id] === 1 ? 'row shows' : `${counts[e.id]} rows show`} the last known state.`
            : ''}
        </div>
      ))}
    </div>
  );
}
