import { useCallback, useEffect, useState } from 'react';
import type { Response } from '../../../src-core/api/contract';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { findingKind, type Finding } from '../../../src-core/api/realm';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { useServices } from '../../context/app-context';
import { fixFindings } from '../../store/actions';
import { FIX_LABEL, KINDS, findingKey } from './finding-kinds';
import './check.css';

type Report = Response<'realm.check'>;
type Result = Response<'realm.fix'>['results'][number];

/**
 * The realm check: what is wrong with the realm's containers and routes,
 * by kind, each finding with its fix and each kind with one action fixing
 * all of it. After a fix the check runs again, so what is listed is what is left.
 */
export function CheckView() {
  const { store, contract } = useServices();
  const [report, setReport] = useState<Report | null>(null);
  const [results, setResults] = useState<Record<string, Result>>({});
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);

  const check = useCallback(async () => {
    try {
      setReport(await contract.call('realm.check', {}));
      setError(null);
    } catch (failure) {
      setError(errorPayloadOf(failure));
    }
  }, [contract]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const fix = (findings: Finding[]) =>
    run(async () => {
      try {
        const done = await fixFindings(store, contract, findings);
        setResults((r) => ({ ...r, ...Object.fromEntries(done.map((d) => [findingKey(d), d])) }));
      } catch (failure) {
        setError(errorPayloadOf(failure));
      }
      await check();
    });

  // Once when the view opens; then at the operator's word.
  useEffect(() => {
    void run(check);
  }, [check]);

  const findings = report?.findings ?? [];
  const failed = Object.values(results).filter((r) => !r.ok).length;
  return (
    <section className="view check-view" aria-label="Check" aria-busy={busy}>
      <header className="check-head">
        <h2>Realm check</h2>
        <div className="check-actions">
          <button type="button" disabled={busy} onClick={() => void run(check)}>
            Check again
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || findings.length === 0}
            onClick={() => void fix(findings)}
          >
            Fix all{findings.length > 0 && ` ${findings.length}`}
          </button>
        </div>
      </header>
      {error && <ErrorNotice error={error} />}
      {report && report.notChecked.length > 0 && (
        <ul className="plain not-checked" aria-label="Not checked">
          {report.notChecked.map((n, i) => (
            <li key={i} className="banner" data-what={n.what}>
              Not checked: {n.engine ? `engine ${n.engine}` : n.what}: {n.reason}
            </li>
          ))}
        </ul>
      )}
      {report && findings.length === 0 && (
        <EmptyState title="Nothing found">
          <span role="status" data-outcome={failed ? 'partial' : 'clean'}>
            {report.notChecked.length
              ? 'Nothing is wrong in what could be checked.'
              : 'Every container and route of the realm is in order.'}
          </span>
        </EmptyState>
      )}
      {findingKind.options.map((kind) => {
        const ofKind = findings.filter((f) => f.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <section
            key={kind}
            className="card finding-kind"
            data-kind={kind}
            aria-label={KINDS[kind].title}
          >
            <header>
              <h3>
                {KINDS[kind].title} <span className="muted">({ofKind.length})</span>
              </h3>
              <button type="button" disabled={busy} onClick={() => void fix(ofKind)}>
                {FIX_LABEL[ofKind[0]!.fix]} all {ofKind.length}
              </button>
            </header>
            <p className="muted small">{KINDS[kind].about}</p>
            <table className="findings">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Engine</th>
                  <th>{kind === 'orphan-route' || kind === 'unrouted' ? 'Route' : 'Container'}</th>
                  <th>Detail</th>
                  <th aria-label="Fix" />
                </tr>
              </thead>
              <tbody>
                {ofKind.map((f) => {
                  const result = results[findingKey(f)];
                  return (
                    <tr key={findingKey(f)} data-id={f.id}>
                      <td>{f.user ?? '—'}</td>
                      <td>{f.engine}</td>
                      <td>
                        <code>{f.route ?? f.id.slice(0, 12)}</code>
                      </td>
                      <td>
                        {f.detail}
                        {result && !result.ok && <ErrorNotice error={result.error} compact />}
                      </td>
                      <td className="actions">
                        <button type="button" disabled={busy} onClick={() => void fix([f])}>
                          {FIX_LABEL[f.fix]}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
    </section>
  );
}
