import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { CullSettings } from './cull-settings';
import { ProxySettingsForm } from './proxy-settings-form';
import { RouteReconciliation } from './route-reconciliation';
import { useProxyStatus } from './use-proxy-status';

/** Where containers are opened: the proxy's settings and address, its routes checked, the idle cull. */
export function ProxyView() {
  const { status, error, setStatus } = useProxyStatus();
  if (error?.code === 'NOT_FOUND')
    return (
      <section className="view" aria-label="Proxy">
        <EmptyState title="No proxy runs in this host">
          Containers are opened straight at their published ports.
        </EmptyState>
      </section>
    );
  return (
    <section className="view proxy-view" aria-label="Proxy">
      {error && <ErrorNotice error={error} />}
      {status && (
        <div className="cards">
          <article className="card proxy-status" data-backend={status.settings.backend}>
            <header>
              <h3>
                {status.settings.backend === 'chp' ? 'configurable-http-proxy' : 'Embedded proxy'}
              </h3>
            </header>
            <dl className="summary">
              <dt>Answers at</dt>
              <dd>
                <code className="proxy-origin">{status.origin}</code>
              </dd>
              <dt>Last route error</dt>
              <dd>{status.lastError ?? '—'}</dd>
            </dl>
          </article>
          <ProxySettingsForm status={status} onSaved={setStatus} />
          <RouteReconciliation />
          <CullSettings />
        </div>
      )}
    </section>
  );
}
