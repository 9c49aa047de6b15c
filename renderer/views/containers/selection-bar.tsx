import { ProgressBar } from '../../components/progress-bar';
import { useApp, useServices } from '../../context/app-context';
import type { ContainerKey } from '../../store/container-key';

/** Shown when rows are selected: how many, stop them, and the progress of the last stop. */
export function SelectionBar({ onStop }: { onStop(keys: ContainerKey[]): void }) {
  const { store } = useServices();
  const selected = useApp((s) => s.selection);
  const keys = Object.keys(selected) as ContainerKey[];
  const stopping = useApp((s) => {
    const id = s.operationOrder.find((o) => s.operations[o]!.kind === 'stop');
    const op = id ? s.operations[id] : undefined;
    return op && op.finishedAt === null ? op : undefined;
  });
  if (keys.length === 0 && !stopping) return null;
  return (
    <div className="selection-bar">
      {stopping ? (
        <>
          <span>
            Stopping {stopping.done} of {stopping.total}…
          </span>
          <ProgressBar done={stopping.done} total={stopping.total} label="Stopping containers" />
        </>
      ) : (
        <>
          <span>{keys.length} selected</span>
          <button type="button" className="danger" onClick={() => onStop(keys)}>
            Stop {keys.length === 1 ? 'container' : `${keys.length} containers`}
          </button>
          <button type="button" className="link" onClick={() => store.getState().setSelection([])}>
            Clear selection
          </button>
        </>
      )}
    </div>
  );
}
