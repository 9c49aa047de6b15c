import { ConfirmDialog } from '../../components/confirm-dialog';
import { useServices } from '../../context/app-context';
import { relaunchContainers } from '../../store/actions';
import type { ContainerKey } from '../../store/container-key';

/** Asked before relaunching running containers: each is replaced, and its user's session with it. */
export function RelaunchConfirm({ keys, onClose }: { keys: ContainerKey[]; onClose(): void }) {
  const { store, contract } = useServices();
  const containers = store.getState().containers;
  const running = keys.filter((k) => containers[k]?.state === 'running');
  return (
    <ConfirmDialog
      title={keys.length === 1 ? 'Relaunch this container?' : `Relaunch ${keys.length} containers?`}
      confirmLabel={keys.length === 1 ? 'Relaunch' : `Relaunch ${keys.length}`}
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        store.getState().setSelection([]);
        void relaunchContainers(store, contract, keys).catch(() => undefined);
      }}
    >
      <p>
        Each is launched again as it was made and replaces the old one.{' '}
        {running.length === 1 ? 'One is' : `${running.length} are`} running: their users lose any
        unsaved work in them.
      </p>
    </ConfirmDialog>
  );
}
