import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ActivityPanel } from '../views/activity/activity-panel';
import { CatalogView } from '../views/catalog/catalog-view';
import { CheckView } from '../views/check/check-view';
import { LaunchModes } from './launch-modes';
import { ContainerDetails } from '../views/details/container-details';
import { ContainersView } from '../views/containers/containers-view';
import { EnginesView } from '../views/engines/engines-view';
import { ProxyView } from '../views/proxy/proxy-view';
import { ErrorNotice } from '../components/error-notice';
import { useApp, useServices } from '../context/app-context';
import { RealmName } from './realm-name';

type ViewId = 'containers' | 'launch' | 'catalog' | 'engines' | 'proxy' | 'check';

/** The Engines tab's badge: engines down, and saved engines that could not be loaded. */
function engineTrouble(down: number, notLoaded: number): string | null {
  const parts = [down && `${down} down`, notLoaded && `${notLoaded} not loaded`].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/** The window: navigation, the current view, the open container's details and the activity panel. */
export function App() {
  const { store } = useServices();
  const [view, setView] = useState<ViewId>('containers');
  const [activityOpen, setActivityOpen] = useState(true);
  const theme = useApp((s) => s.preferences.theme);
  const realm = useApp((s) => s.realm);
  const lost = useApp((s) => (s.loadError?.code === 'DISCONNECTED' ? s.loadError : null));
  const focused = useApp((s) => s.focused);
  const total = useApp(store.derived.containerCount);
  const down = useApp(
    useShallow((s) => s.engineOrder.filter((id) => s.engines[id]!.state !== 'connected')),
  );
  const notLoaded = useApp((s) => s.notLoaded.length);
  const running = useApp((s) =>
    s.operationOrder.some((id) => s.operations[id]!.finishedAt === null),
  );

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const tabs: Array<[ViewId, string, string | number | null]> = [
    ['containers', 'Containers', total],
    ['launch', 'Launch', null],
    ['catalog', 'Catalog', null],
    ['engines', 'Engines', engineTrouble(down.length, notLoaded)],
    ['proxy', 'Proxy', null],
    ['check', 'Check', null],
  ];

  return (
    <div className={`shell${activityOpen ? ' with-activity' : ''}`}>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          RemoteApp Admin
          <RealmName realm={realm} />
        </div>
        <nav className="nav" aria-label="Views">
          {tabs.map(([id, label, badge]) => (
            <button
              key={id}
              type="button"
              className={view === id ? 'nav-item active' : 'nav-item'}
              aria-current={view === id ? 'page' : undefined}
              onClick={() => setView(id)}
            >
              {label}
              {badge !== null && (
                <span className={`nav-badge${id === 'engines' ? ' warn' : ''}`}>{badge}</span>
              )}
            </button>
          ))}
        </nav>
        <div className="topbar-actions">
          <button
            type="button"
            className={activityOpen ? 'ghost active' : 'ghost'}
            aria-pressed={activityOpen}
            onClick={() => setActivityOpen((o) => !o)}
          >
            Activity{running && <span className="pulse" aria-label="running" />}
          </button>
          <button
            type="button"
            className="ghost"
            aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
            onClick={() => store.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}
          >
            {theme === 'dark' ? '☀' : '☾'}
          </button>
        </div>
      </header>
      <main className="main">
        {lost && (
          <div className="host-lost">
            <ErrorNotice error={lost} />
          </div>
        )}
        {view === 'containers' && <ContainersView onLaunch={() => setView('launch')} />}
        {view === 'launch' && <LaunchModes onDone={() => setView('containers')} />}
        {view === 'catalog' && <CatalogView />}
        {view === 'engines' && <EnginesView />}
        {view === 'proxy' && <ProxyView />}
        {view === 'check' && <CheckView />}
      </main>
      {/* The details take the side column while open; the activity panel comes back after. */}
      {focused && view === 'containers' ? (
        <ContainerDetails key={focused} rowKey={focused} />
      ) : (
        activityOpen && <ActivityPanel />
      )}
    </div>
  );
}
