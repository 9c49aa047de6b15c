import { ProgressBar } from '../../components/progress-bar';
import { useApp, useServices } from '../../context/app-context';
import type { ContainerKey } from '../../store/container-key';

const UNDER_WAY = { stop: 'Stopping', relaunch: 'Relaunching' } as const;

/** Shown when rows are selected: how many, stop or relaunch them, and the progress of the last. */
export function SelectionBar({
  onStop,
  onRelaunch,
}: {
  onStop(keys: ContainerKey[]): void;
  onRelaunch(keys: ContainerKey[]): void;
}) {
  const { store } = useServices();
  const selected = useApp((s) => s.selection);
  const keys = Object.keys(selected) as ContainerKey[];
  const busy = useApp((s) => {
    const id = s.operationOrder.find((o) => s.operations[o]!.kind in UNDER_WAY);
    const op = id ? s.operations[id] : undefined;
    return op && op.finishedAt === null ? op : undefined;
  });
  if (keys.length === 0 && !busy) return null;
  const what = keys.length === 1 ? 'container' : `${keys.length} containers`;
  return (
    <div className="selection-bar">
      {busy ? (
        <>
          <span>
            {UNDER_WAY[busy.kind as keyof typeof UNDER_WAY]} {busy.done} of {busy.total}…
          </span>
          <ProgressBar done={busy.done} total={busy.total} label={busy.title} />
        </>
      ) : (
        <>
          <span>{keys.length} selected</span>
          <button type="button" onClick={() => onRelaunch(keys)}>
            Relaunch {what}
          </button>
          <button type="button" className="danger" onClick={() => onStop(keys)}>
            Stop {what}
          </button>
          <button type="button" className="link" onClick={() => store.getState().setSelection([])}>
            Clear selection
          </button>
        </>
      )}
    </div>
  );
}
