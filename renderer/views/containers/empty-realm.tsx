import { useShallow } from 'zustand/react/shallow';
import { EmptyState } from '../../components/empty-state';
import { useApp } from '../../context/app-context';

/**
 * The table with no row says only what was checked: "no containers" only
 * when every engine answered; otherwise which did not, where it was tried,
 * and why.
 */
export function EmptyRealm({ onLaunch }: { onLaunch(): void }) {
  const engines = useApp(useShallow((s) => s.engineOrder.map((id) => s.engines[id]!)));
  const notConnected = engines.filter((e) => e.state !== 'connected');
  if (engines.length === 0)
    return <EmptyState title="No engine">Add a Docker engine in the Engines view.</EmptyState>;
  if (notConnected.length === 0)
    return (
      <EmptyState title="No containers in this realm">
        Launch an application for one or more users and it appears here live.{' '}
        <button type="button" className="link" onClick={onLaunch}>
          Open Launch
        </button>
      </EmptyState>
    );
  const answered = engines.length - notConnected.length;
  return (
    <EmptyState
      title={
        answered === 0
          ? 'No engine answered: its containers are unknown'
          : 'No containers on the engines that answered'
      }
    >
      <ul className="engines-not-checked">
        {notConnected.map((e) => (
          <li key={e.id} data-engine={e.id}>
            <strong>{e.name}</strong> at <code>{e.endpoint}</code>: {e.state}
            {e.lastError ? ` (${e.lastError})` : ''}
          </li>
        ))}
      </ul>
    </EmptyState>
  );
}
