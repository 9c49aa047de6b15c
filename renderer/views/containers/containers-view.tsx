import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { useSampling } from '../../components/use-sampling';
import { useApp, useServices } from '../../context/app-context';
import type { ContainerKey } from '../../store/container-key';
import { NO_FILTERS } from '../../store/preferences-slice';
import { rowKeys } from '../../store/visible-rows';
import { ContainerTable } from './container-table';
import { ContainersToolbar } from './containers-toolbar';
import { EmptyRealm } from './empty-realm';
import { EngineBanners } from './engine-banners';
import { ExitedBanner } from './exited-banner';
import { RelaunchConfirm } from './relaunch-confirm';
import { SelectionBar } from './selection-bar';
import { StopConfirm } from '../../components/stop-confirm';
import { relaunchContainers } from '../../store/actions';

/** Keys typed into a field are its own; a row's checkbox is not one (Delete still stops from it). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName)) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio'].includes(target.type);
}

export function ContainersView({ onLaunch }: { onLaunch(): void }) {
  const { store, contract } = useServices();
  const items = useApp(useShallow(store.derived.tableItems));
  const total = useApp(store.derived.containerCount);
  const loadError = useApp((s) => s.loadError);
  const [stopping, setStopping] = useState<ContainerKey[] | null>(null);
  const [relaunching, setRelaunching] = useState<ContainerKey[] | null>(null);

  // Replacing a running container loses its user's session: asked first. Others go at once.
  const relaunch = (keys: ContainerKey[]) => {
    const s = store.getState();
    if (keys.some((k) => s.containers[k]?.state === 'running')) return setRelaunching(keys);
    s.setSelection([]);
    void relaunchContainers(store, contract, keys).catch(() => undefined);
  };
  useSampling();

  // `/` searches; Delete stops the selection (or the open container), after asking.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === '/' && !typing(e.target)) {
        e.preventDefault();
        document.getElementById('container-search')?.focus();
      } else if (
        e.key === 'Delete' &&
        !typing(e.target) &&
        !document.querySelector('[role=dialog]')
      ) {
        const s = store.getState();
        const keys = Object.keys(s.selection) as ContainerKey[];
        const target = keys.length ? keys : s.focused ? [s.focused] : [];
        if (target.length) setStopping(target);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const shown = rowKeys(items).length;
  return (
    <section className="view containers-view" aria-label="Containers">
      <ContainersToolbar shown={shown} total={total} />
      <EngineBanners />
      <ExitedBanner />
      {/* A lost connection is shown above every view, by the shell. */}
      {loadError && loadError.code !== 'DISCONNECTED' && <ErrorNotice error={loadError} />}
      <SelectionBar onStop={setStopping} onRelaunch={relaunch} />
      {total === 0 ? (
        <EmptyRealm onLaunch={onLaunch} />
      ) : shown === 0 ? (
        <EmptyState title="No container matches">
          Change the search or the filters.{' '}
          <button
            type="button"
            className="link"
            onClick={() => store.getState().setFilters(NO_FILTERS)}
          >
            Clear them
          </button>
        </EmptyState>
      ) : (
        <ContainerTable items={items} />
      )}
      {stopping && <StopConfirm keys={stopping} onClose={() => setStopping(null)} />}
      {relaunching && <RelaunchConfirm keys={relaunching} onClose={() => setRelaunching(null)} />}
    </section>
  );
}
