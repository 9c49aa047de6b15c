import { ConfirmDialog } from './confirm-dialog';
import { useServices } from '../context/app-context';
import { stopContainers } from '../store/actions';
import type { ContainerKey } from '../store/container-key';

/** Asks before stopping; stopping removes the containers, so the users lose their sessions. */
export function StopConfirm({ keys, onClose }: { keys: ContainerKey[]; onClose(): void }) {
  const { store, contract } = useServices();
  const containers = store.getState().containers;
  const names = keys.slice(0, 5).map((k) => containers[k]);
  return (
    <ConfirmDialog
      title={keys.length === 1 ? 'Stop this container?' : `Stop ${keys.length} containers?`}
      confirmLabel={keys.length === 1 ? 'Stop' : `Stop ${keys.length}`}
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        store.getState().setSelection([]);
        // Failures are reported in the activity panel with their code.
        void stopContainers(store, contract, keys).catch(() => undefined);
      }}
    >
      <p>The containers are stopped and removed; their users lose any unsaved work in them.</p>
      <ul className="plain">
        {names.map((c, i) => (
          <li key={keys[i]}>{c ? `${c.user} · ${c.name}` : keys[i]}</li>
        ))}
        {keys.length > names.length && (
          <li className="muted">and {keys.length - names.length} more</li>
        )}
      </ul>
    </ConfirmDialog>
  );
}
