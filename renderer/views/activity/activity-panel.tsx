import { useShallow } from 'zustand/react/shallow';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { ProgressBar } from '../../components/progress-bar';
import { useApp } from '../../context/app-context';
import { formatTime } from '../../format/duration';
import { operationOutcome, type OperationOutcome } from '../../store/operations-slice';

const OUTCOME_LABEL: Record<OperationOutcome, string> = {
  running: 'running',
  ok: 'done',
  partial: 'partly failed',
  failed: 'failed',
  interrupted: 'interrupted',
};

/** The operator's recent actions, newest first, with what became of them (kept by the core). */
export function ActivityPanel() {
  const ops = useApp(
    useShallow((s) => s.operationOrder.slice(0, 50).map((id) => s.operations[id]!)),
  );
  return (
    <aside className="activity" aria-label="Activity">
      <h2>Activity</h2>
      {ops.length === 0 ? (
        <EmptyState title="Nothing yet">
          Launches and stops you make appear here with their results.
        </EmptyState>
      ) : (
        <ol className="plain activity-list">
          {ops.map((op) => {
            const outcome = operationOutcome(op);
            return (
              <li
                key={op.id}
                className={`activity-item outcome-${outcome}`}
                data-kind={op.kind}
                data-outcome={outcome}
              >
                <div className="activity-head">
                  <span className="activity-title">{op.title}</span>
                  <span className={`outcome ${outcome}`}>{OUTCOME_LABEL[outcome]}</span>
                </div>
                <div className="muted small">
                  {formatTime(op.startedAt)} · {op.done}/{op.total}
                </div>
                {outcome === 'running' && (
                  <ProgressBar done={op.done} total={op.total} label={op.title} />
                )}
                {op.errors.slice(0, 3).map((e, i) => (
                  <div key={i} className="activity-error" data-item={e.item}>
                    {e.item && <span className="muted">{e.item}</span>}
                    <ErrorNotice error={e.error} compact />
                  </div>
                ))}
                {op.failed > 3 && (
                  <div className="muted small">and {op.failed - 3} more errors</div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}
