import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EngineStatusView } from '../../../src-core/api/engines';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { StateBadge } from '../../components/state-badge';
import { useSampling } from '../../components/use-sampling';
import { useApp, useServices } from '../../context/app-context';
import { formatTime } from '../../format/duration';
import { AddEngineForm } from './add-engine-form';
import { EngineLoad } from './engine-load';
import { NotLoadedCard } from './not-loaded-card';
import { SshNeedPanel } from './ssh-need-panel';
import { SshRouteRows } from './ssh-route-rows';
import { SwarmNodes } from './swarm-nodes';

/** The engine a Remove is asked for: a watched one, or a saved one that is not loaded. */
type Removal = { engine: Pick<EngineStatusView, 'id' | 'name'>; notLoaded: boolean };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A Swarm manager: what its launches make, and its cluster's size. */
function swarmSummary({ mode, nodes, managers }: NonNullable<EngineStatusView['swarm']>) {
  const launches = mode === 'services' ? 'services' : 'containers on the manager alone';
  return `${launches}, ${plural(nodes, 'node')}, ${plural(managers, 'manager')}`;
}

/**
 * Every engine's connection: state, latency, and since when it is down when
 * it is; and the saved engines that could not be loaded, with the reason.
 */
export function EnginesView() {
  const engines = useApp(useShallow((s) => s.engineOrder.map((id) => s.engines[id]!)));
  const notLoaded = useApp((s) => s.notLoaded);
  const listErrors = useApp((s) => s.listErrors);
  const { contract, store } = useServices();
  const counts = useApp(useShallow(store.derived.engineCounts));
  const [removing, setRemoving] = useState<Removal | null>(null);
  const [removeError, setRemoveError] = useState<ErrorPayload | null>(null);
  useSampling();

  async function remove({ engine, notLoaded: saved }: Removal) {
    setRemoving(null);
    try {
      // Said to the host too: a saved engine that is not loaded may share its id with a watched one.
      await contract.call('engines.remove', { engine: engine.id, notLoaded: saved });
      // A saved engine that is not loaded goes alone: a watched engine of the same id stays.
      if (saved)
        store.getState().setNotLoaded(store.getState().notLoaded.filter((e) => e.id !== engine.id));
      else store.getState().forgetEngine(engine.id);
      setRemoveError(null);
    } catch (error) {
      setRemoveError(errorPayloadOf(error));
    }
  }

  return (
    <section className="view engines-view" aria-label="Engines">
      {engines.length === 0 && notLoaded.length === 0 && (
        <EmptyState title="No Docker engine configured">
          Add one below: the local socket, DOCKER_HOST, TCP with TLS, SSH or a Docker context.
        </EmptyState>
      )}
      {removeError && <ErrorNotice error={removeError} />}
      <div className="cards">
        {engines.map((e) => (
          <article
            key={e.id}
            className={`card engine-card engine-${e.state}${e.swarm?.mode === 'services' ? ' engine-swarm' : ''}`}
            data-engine={e.id}
            data-state={e.state}
          >
            <header>
              <h3>{e.name}</h3>
              <StateBadge state={e.state} />
            </header>
            <dl className="summary">
              <dt>Endpoint</dt>
              <dd>
                <code>{e.endpoint}</code>
              </dd>
              {e.ssh && <SshRouteRows ssh={e.ssh} />}
              {e.swarm && (
                <>
                  <dt>Swarm</dt>
                  <dd className="swarm-summary">{swarmSummary(e.swarm)}</dd>
                </>
              )}
              <dt>Ports published on</dt>
              <dd>
                {e.swarm?.mode === 'services' ? (
                  // Swarm's host mode has no host address: say so, it is the operator's to firewall.
                  <span className="publish-ip">every interface of the node running each task</span>
                ) : (
                  <code className="publish-ip">{e.publishIp}</code>
                )}
              </dd>
              <dt>Latency</dt>
              <dd>{e.latencyMs === null ? '—' : `${Math.round(e.latencyMs)} ms`}</dd>
              <dt>Docker</dt>
              <dd>{e.apiVersion ? `API ${e.apiVersion}` : '—'}</dd>
              <dt>{e.swarm?.mode === 'services' ? 'Services' : 'Containers'}</dt>
              <dd>
                {counts[e.id] ?? 0}
                {e.state !== 'connected' && counts[e.id] ? ' (last known)' : ''}
              </dd>
              <EngineLoad engine={e.id} />
              <dt>
                {e.state === 'connected'
                  ? 'Connected since'
                  : e.state === 'connecting'
                    ? 'Connecting since'
                    : 'Down since'}
              </dt>
              <dd className="since">{formatTime(e.since)}</dd>
            </dl>
            {/* What an SSH engine waits for says why it is down, and what to do. */}
            {e.state !== 'connected' && e.lastError && !e.ssh?.needs && (
              <div className="engine-error">
                {e.state === 'unreachable' ? 'Unreachable' : 'Reconnecting'}: {e.lastError}
              </div>
            )}
            {e.ssh?.needs && <SshNeedPanel engine={e.id} need={e.ssh.needs} />}
            {e.swarm?.mode === 'services' && e.state === 'connected' && <SwarmNodes engine={e} />}
            {/* A failed listing of a connected engine; a down engine's state already says why. */}
            {e.state === 'connected' && listErrors[e.id] && (
              <ErrorNotice error={listErrors[e.id]!} compact />
            )}
            <div className="card-actions">
              <button
                type="button"
                className="link"
                onClick={() => setRemoving({ engine: e, notLoaded: false })}
              >
                Remove
              </button>
            </div>
          </article>
        ))}
        {notLoaded.map((e) => (
          <NotLoadedCard
            key={`not-loaded-${e.id}`}
            engine={e}
            onRemove={() => setRemoving({ engine: e, notLoaded: true })}
          />
        ))}
        <AddEngineForm />
      </div>
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.engine.name}?`}
          confirmLabel="Remove"
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        >
          {removing.notLoaded ? (
            <p>
              Its profile is deleted from the saved engines: it is not tried again at the next
              start. Its key and certificate files are left where they are.
            </p>
          ) : (
            <p>
              The app stops watching it and its containers leave the table; the containers keep
              running. An engine added here is not added again at the next start.
            </p>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
