import { useShallow } from 'zustand/react/shallow';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { StateBadge } from '../../components/state-badge';
import { useApp } from '../../app/app-context';
import { selectEngineCounts } from '../../store/derived';
import { formatTime } from '../../format/duration';

/** Every engine's connection: state, latency, and since when it is down when it is. */
export function EnginesView() {
  const engines = useApp(useShallow((s) => s.engineOrder.map((id) => s.engines[id]!)));
  const listErrors = useApp((s) => s.listErrors);
  const counts = useApp(useShallow(selectEngineCounts));
  if (engines.length === 0)
    return (
      <section className="view" aria-label="Engines">
        <EmptyState title="No Docker engine configured">
          Start the app with a Docker engine it can reach (the local socket, DOCKER_HOST, or a
          context).
        </EmptyState>
      </section>
    );
  return (
    <section className="view engines-view" aria-label="Engines">
      <div className="cards">
        {engines.map((e) => (
          <article
            key={e.id}
            className={`card engine-card engine-${e.state}`}
            data-engine={e.id}
            data-state={e.state}
          >
            <header>
              <h3>{e.name}</h3>
              <StateBadge state={e.state} />
            </header>
            <dl className="summary">
              <dt>Endpoint</dt>
              <dd>
                <code>{e.endpoint}</code>
              </dd>
              <dt>Latency</dt>
              <dd>{e.latencyMs === null ? '—' : `${Math.round(e.latencyMs)} ms`}</dd>
              <dt>Docker</dt>
              <dd>{e.apiVersion ? `API ${e.apiVersion}` : '—'}</dd>
              <dt>Containers</dt>
              <dd>
                {counts[e.id] ?? 0}
                {e.state !== 'connected' && counts[e.id] ? ' (last known)' : ''}
              </dd>
              <dt>
                {e.state === 'connected'
                  ? 'Connected since'
                  : e.state === 'connecting'
                    ? 'Connecting since'
                    : 'Down since'}
              </dt>
              <dd className="since">{formatTime(e.since)}</dd>
            </dl>
            {e.state !== 'connected' && e.lastError && (
              <div className="engine-error">
                {e.state === 'unreachable' ? 'Unreachable' : 'Reconnecting'}: {e.lastError}
              </div>
            )}
            {/* A failed listing of a connected engine; a down engine's state already says why. */}
            {e.state === 'connected' && listErrors[e.id] && (
              <ErrorNotice error={listErrors[e.id]!} compact />
            )}
          </article>
        ))}
      </div>
    </section>
  );
}
