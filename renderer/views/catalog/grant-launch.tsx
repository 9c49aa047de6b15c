import { useEffect, useMemo, useState } from 'react';
import type { LaunchProgressView } from '../../../src-core/api/catalog';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { ProgressBar } from '../../components/progress-bar';
import { useApp, useServices } from '../../context/app-context';
import { runOperation } from '../../store/actions';
import { EngineOptions, ResolutionOptions } from '../../components/launch-options';
import { describePolicy } from './policy-form';
import { useCatalogCall } from './use-catalog-call';

/**
 * Launch from the catalog: an application, the users granted it (each
 * through their own grant, whose id becomes the mapping id), an engine.
 * Each user's progress shows as it comes.
 */
export function GrantLaunch() {
  const { store, contract, openUrl } = useServices();
  const [image, setImage] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [engine, setEngine] = useState('any');
  const [resolution, setResolution] = useState('');
  const [results, setResults] = useState<Record<string, LaunchProgressView>>({});
  const [operationId, setOperationId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorPayload | null>(null);
  const apps = useCatalogCall('catalog.applications', {}, ['applications', 'grants']);
  const grants = useCatalogCall('catalog.grants', image ? { image } : null, ['grants']);
  const images = useApp((s) => s.images);
  const takesResolution = useMemo(
    () =>
      Object.values(images).some((list) =>
        list.some((i) => i.name === image && i.configurables.includes('resolution')),
      ),
    [images, image],
  );
  const granted = image ? (grants.data?.grants ?? []) : [];
  const launchable = (apps.data?.applications ?? []).filter((a) => a.grants > 0);

  // Every grant of the chosen application starts ticked.
  const grantList = grants.data?.grants;
  useEffect(() => setChosen(new Set((grantList ?? []).map((g) => g.id))), [grantList]);

  useEffect(() => {
    if (!operationId) return;
    return contract.on('catalog.launchProgress', (p) => {
      if (p.operationId !== operationId) return;
      setResults((r) => ({ ...r, [p.grantId ?? p.user]: p }));
    });
  }, [contract, operationId]);

  async function launch() {
    const grantIds = granted.filter((g) => chosen.has(g.id)).map((g) => g.id);
    if (!grantIds.length) return;
    setResults({});
    setFailure(null);
    setBusy(true);
    try {
      const { outcomes } = await runOperation(
        store,
        contract,
        {
          kind: 'launch',
          title: `Launch ${image} for ${grantIds.length} granted user(s)`,
          total: grantIds.length,
        },
        (id) => {
          setOperationId(id);
          return contract.call('catalog.launch', {
            engine,
            grantIds,
            operationId: id,
            ...(takesResolution && resolution && { configurables: { resolution } }),
          });
        },
      );
      setResults(Object.fromEntries(outcomes.map((o) => [o.grantId ?? o.user, o])));
    } catch (error) {
      setFailure(errorPayloadOf(error));
    } finally {
      setBusy(false);
    }
  }

  const finished = Object.values(results).filter(
    (r) => r.state === 'running' || r.state === 'failed',
  );
  return (
    <section className="view launch-view grant-launch" aria-label="Launch from grants">
      <form
        className="launch-form"
        onSubmit={(e) => {
          e.preventDefault();
          void launch();
        }}
      >
        <h2>Launch from the catalog</h2>
        {launchable.length === 0 ? (
          <EmptyState title="No grants yet">
            Grant applications to users in the Catalog view.
          </EmptyState>
        ) : (
          <>
            <div className="field">
              <label htmlFor="grant-app">Application</label>
              <select id="grant-app" value={image} onChange={(e) => setImage(e.target.value)}>
                <option value="">Choose an application…</option>
                {launchable.map((a) => (
                  <option key={a.id} value={a.image}>
                    {a.image} ({a.grants} grant(s))
                  </option>
                ))}
              </select>
            </div>
            {granted.length > 0 && (
              <fieldset className="grant-users">
                <legend>Granted users</legend>
                {granted.map((g) => (
                  <label key={g.id} className="check" data-user={g.user.name}>
                    <input
                      type="checkbox"
                      checked={chosen.has(g.id)}
                      onChange={(e) =>
                        setChosen((s) => {
                          const next = new Set(s);
                          if (e.target.checked) next.add(g.id);
                          else next.delete(g.id);
                          return next;
                        })
                      }
                    />
                    {g.user.name} <span className="muted small">{describePolicy(g.policy)}</span>
                  </label>
                ))}
              </fieldset>
            )}
            <div className="field">
              <label htmlFor="grant-engine">Engine</label>
              <select id="grant-engine" value={engine} onChange={(e) => setEngine(e.target.value)}>
                <EngineOptions />
              </select>
            </div>
            {takesResolution && (
              <div className="field">
                <label htmlFor="grant-resolution">Resolution</label>
                <select
                  id="grant-resolution"
                  value={resolution}
                  onChange={(e) => setResolution(e.target.value)}
                >
                  <ResolutionOptions />
                </select>
              </div>
            )}
            <div className="form-actions">
              <button type="submit" className="primary" disabled={busy || chosen.size === 0}>
                {busy ? 'Launching…' : `Launch for ${chosen.size} user(s)`}
              </button>
            </div>
          </>
        )}
        {(failure ?? apps.error) && <ErrorNotice error={(failure ?? apps.error)!} />}
      </form>
      {Object.keys(results).length > 0 && (
        <div className="launch-side">
          <div className="launch-results">
            <h3>Results</h3>
            <ProgressBar
              label="Launched"
              done={finished.length}
              total={Object.keys(results).length}
            />
            {Object.values(results).map((r) => (
              <div
                key={r.grantId ?? r.user}
                className="launch-result grant-result"
                data-user={r.user}
                data-state={r.state}
              >
                <strong>{r.user}</strong>
                <span className="muted">{r.state}</span>
                {r.engine && <span className="muted small grant-engine">on {r.engine}</span>}
                {r.container?.url && (
                  <button
                    type="button"
                    className="small"
                    onClick={() => openUrl(r.container!.url!)}
                  >
                    Open
                  </button>
                )}
                {r.error && <ErrorNotice error={r.error} compact />}
              </div>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
