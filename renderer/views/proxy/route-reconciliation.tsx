import { useState, type ReactNode } from 'react';
import type { Response } from '../../../src-core/api/contract';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { ErrorNotice } from '../../components/error-notice';
import { useServices } from '../../context/app-context';

type Report = Response<'proxy.reconcile'>;

/**
 * The proxy's routes against the realm's ready containers: routes that lead
 * nowhere and containers without a route, listed, then fixed in one action;
 * other parties' routes (simphony-remote's, another realm's) listed, never touched.
 */
export function RouteReconciliation() {
  const { contract } = useServices();
  const [report, setReport] = useState<Report | null>(null);
  const [fixed, setFixed] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(name: 'proxy.reconcile' | 'proxy.fix') {
    setBusy(true);
    try {
      setReport(await contract.call(name, {}));
      setFixed(name === 'proxy.fix');
      setError(null);
    } catch (failure) {
      setError(errorPayloadOf(failure));
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
          {fixed ? 'Fixed: every' : 'Every'} ready container has its route and every route of the
          realm leads to one.
        </p>
      )}
      {report && report.orphanRoutes.length > 0 && (
        <ReportTable
          className="orphan-routes"
          caption="Routes without a container"
          head={['Path', 'Target', 'Why']}
          rows={report.orphanRoutes.map((r) => ({
            key: r.prefix,
            prefix: r.prefix,
            cells: [<code key="t">{r.target}</code>, r.reason],
          }))}
        />
      )}
      {report && report.unroutedContainers.length > 0 && (
        <ReportTable
          className="unrouted-containers"
          caption="Containers without a route"
          head={['Path', 'Container', 'Address']}
          rows={report.unroutedContainers.map((r) => ({
            key: `${r.engineId}/${r.containerId}`,
            prefix: r.prefix,
            cells: [
              <span key="c">
                <code>{r.containerId.slice(0, 12)}</code> on {r.engineId}
              </span>,
              <code key="t">{r.target}</code>,
            ],
          }))}
        />
      )}
      {report && report.foreignRoutes.length > 0 && (
        <ReportTable
          className="foreign-routes"
          caption="Not ours: left alone"
          head={['Path', 'Target', 'Whose']}
          rows={report.foreignRoutes.map((r) => ({
            key: r.prefix,
            prefix: r.prefix,
            cells: [<code key="t">{r.target}</code>, r.reason],
          }))}
        />
      )}
    </section>
  );
}

/** One list of the report: a row a route, its path first. */
function ReportTable({
  className,
  caption,
  head,
  rows,
}: {
  className: string;
  caption: string;
  head: string[];
  rows: Array<{ key: string; prefix: string; cells: ReactNode[] }>;
}) {
  return (
    <table className={`report ${className}`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-prefix={row.prefix}>
            <td>
              <code>{row.prefix}</code>
            </td>
            {row.cells.map((cell, i) => (
              <td key={i}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
