import { useState } from 'react';
import type { Response } from '../../../src-core/api/contract';
import type { ErrorPayload } from '../../../src-core/api/errors';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { useServices } from '../../app/app-context';
import { toErrorPayload } from '../../store/contract-port';

type Report = Response<'proxy.reconcile'>;

/** Routes without a container and containers without a route, and the one action that fixes both. */
export function ReconcileCard() {
  const { port } = useServices();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(name: 'proxy.reconcile' | 'proxy.fix') {
    setBusy(true);
    try {
      setReport(await port.call(name, {}));
      setError(null);
    } catch (e) {
      setError(toErrorPayload(e));
    } finally {
      setBusy(false);
    }
  }

  const problems = report ? report.orphanRoutes.length + report.unroutedContainers.length : 0;
  return (
    <section className="card reconcile">
      <header>
        <h3>Routes</h3>
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void run('proxy.reconcile')}
          >
            Check routes
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || problems === 0}
            onClick={() => void run('proxy.fix')}
          >
            Fix {problems || ''}
          </button>
        </div>
      </header>
      {error && <ErrorNotice error={error} />}
      {!report ? (
        <p className="muted">Compare the proxy's routes with the realm's running containers.</p>
      ) : problems === 0 ? (
        <EmptyState title="Routes and containers agree">
          Every ready container has its route, and no route leads nowhere.
        </EmptyState>
      ) : (
        <ul className="plain reconcile-list">
          {report.orphanRoutes.map((r) => (
            <li key={`o${r.prefix}`}>
              <span className="badge state-exited">orphan route</span> <code>{r.prefix}</code> →{' '}
              <code>{r.target}</code> <span className="muted">{r.reason}</span>
            </li>
          ))}
          {report.unroutedContainers.map((r) => (
            <li key={`u${r.prefix}`}>
              <span className="badge state-created">no route</span> <code>{r.prefix}</code> →{' '}
              <code>{r.target}</code> <span className="muted">on {r.engineId}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
