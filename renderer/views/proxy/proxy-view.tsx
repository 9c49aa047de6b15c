import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { useApp } from '../../app/app-context';
import { ProxySettingsForm } from './proxy-settings-form';
import { ReconcileCard } from './reconcile-card';

/** Where containers are opened: the proxy's address, its settings and its routes. */
export function ProxyView() {
  const status = useApp((s) => s.proxy);
  const error = useApp((s) => s.proxyError);
  if (!status)
    return (
      <section className="view" aria-label="Proxy">
        {error?.code === 'NOT_FOUND' ? (
          <EmptyState title="No proxy in this run">
            Containers are opened at their published ports. Start the app with the proxy to give
            every container one address under the same origin.
          </EmptyState>
        ) : error ? (
          <ErrorNotice error={error} />
        ) : (
          <EmptyState title="Asking the proxy…" />
        )}
      </section>
    );
  return (
    <section className="view proxy-view" aria-label="Proxy">
      <div className="cards">
        <article className="card">
          <header>
            <h3>Proxy</h3>
            <span className={`badge ${status.lastError ? 'state-exited' : 'state-running'}`}>
              <span className="dot" aria-hidden="true" />
              {status.lastError ? 'route write failed' : 'routing'}
            </span>
          </header>
          <dl className="summary">
            <dt>Backend</dt>
            <dd>{status.settings.backend === 'chp' ? 'configurable-http-proxy' : 'embedded'}</dd>
            <dt>Origin</dt>
            <dd>
              <code>{status.origin}</code>
            </dd>
            <dt>Readiness time-out</dt>
            <dd>{status.settings.readyTimeoutSeconds} s</dd>
          </dl>
          {status.lastError && <div className="engine-error">{status.lastError}</div>}
        </article>
        <ProxySettingsForm key={JSON.stringify(status.settings)} status={status} />
        <ReconcileCard />
      </div>
    </section>
  );
}
