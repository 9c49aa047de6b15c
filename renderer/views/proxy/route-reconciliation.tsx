import { useState } from 'react';
import type { Response } from '../../../src-core/api/contract';
import type { ErrorPayload } from '../../../src-core/api/errors';
import { ErrorNotice } from '../../components/error-notice';
import { useServices } from '../../app/app-context';
import { toErrorPayload } from '../../store/contract-port';

type Report = Response<'proxy.reconcile'>;

/**
 * The proxy's routes against the realm's ready containers: routes that lead
 * nowhere and containers without a route, listed, then fixed in one action.
 */
export function RouteReconciliation() {
  const { port } = useServices();
  const [report, setReport] = useState<Report | null>(null);
  const [fixed, setFixed] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(name: 'proxy.reconcile' | 'proxy.fix') {
    setBusy(true);
    try {
      setReport(await port.call(name, {}));
      setFixed(name === 'proxy.fix');
      setError(null);
    } catch (failure) {
      setError(toErrorPayload(failure));
    } finally {
      setBusy(false);
    }
  }

  const problems = report ? report.orphanRoutes.length + report.unroutedContainers.length : 0;
  return (
    <section className="card proxy-reconciliation" aria-label="Routes">
      <header>
        <h3>Routes</h3>
      </header>
      <div className="form-actions">
        <button type="button" disabled={busy} onClick={() => void run('proxy.reconcile')}>
          Check routes
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || problems === 0}
          onClick={() => void run('proxy.fix')}
        >
          Fix all
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
      {report && problems === 0 && (
        <p className="muted" role="status" data-outcome={fixed ? 'fixed' : 'clean'}>
          {fixed ? 'Fixed: every' : 'Every'} ready container has its route and every container route
          leads to one.
        </p>
      )}
      {report && report.orphanRoutes.length > 0 && (
        <table className="report orphan-routes">
          <caption>Routes without a container</caption>
          <thead>
            <tr>
              <th>Path</th>
              <th>Target</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {report.orphanRoutes.map((r) => (
              <tr key={r.prefix} data-prefix={r.prefix}>
                <td>
                  <code>{r.prefix}</code>
                </td>
                <td>
                  <code>{r.target}</code>
                </td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report && report.unroutedContainers.length > 0 && (
        <table className="report unrouted-containers">
          <caption>Containers without a route</caption>
          <thead>
            <tr>
              <th>Path</th>
              <th>Container</th>
              <th>Address</th>
            </tr>
          </thead>
          <tbody>
            {report.unroutedContainers.map((r) => (
              <tr key={`${r.engineId}/${r.containerId}`} data-prefix={r.prefix}>
                <td>
                  <code>{r.prefix}</code>
                </td>
                <td>
                  <code>{r.containerId.slice(0, 12)}</code> on {r.engineId}
                </td>
                <td>
                  <code>{r.target}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
