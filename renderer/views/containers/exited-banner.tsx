import { useShallow } from 'zustand/react/shallow';
import { useApp, useServices } from '../../context/app-context';
import { relaunchContainers } from '../../store/actions';

/**
 * After a host reboot or a daemon restart the realm's containers sit
 * exited: how many (on the engines connected, where a relaunch can go), and
 * one action that launches them all again as they were.
 */
export function ExitedBanner() {
  const { store, contract } = useServices();
  const exited = useApp(useShallow(store.derived.exitedKeys));
  const relaunching = useApp((s) =>
    s.operationOrder.some(
      (id) => s.operations[id]!.kind === 'relaunch' && s.operations[id]!.finishedAt === null,
    ),
  );
  if (exited.length === 0) return null;
  return (
    <div className="banner exited-banner" role="status">
      {exited.length === 1 ? 'One container has' : `${exited.length} containers have`} exited, as a
      reboot or a daemon restart leaves them.{' '}
      <button
        type="button"
        disabled={relaunching}
        // Failures are reported in the activity panel with their code.
        onClick={() => void relaunchContainers(store, contract, exited).catch(() => undefined)}
      >
        Relaunch all exited
      </button>
    </div>
  );
}
