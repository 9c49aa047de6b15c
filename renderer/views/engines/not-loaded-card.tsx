import { useState } from 'react';
import type { NotLoadedEngineView } from '../../../src-core/api/engines';
import { ErrorNotice } from '../../components/error-notice';
import { StateBadge } from '../../components/state-badge';
import { useServices } from '../../context/app-context';
import { formatTime } from '../../format/duration';
import { profileAddress } from './profile-address';

/**
 * A saved engine the host could not add: why (the field and the file it
 * names), Retry once the cause is fixed, and Remove to drop it from the
 * saved engines.
 */
export function NotLoadedCard({
  engine,
  onRemove,
}: {
  engine: NotLoadedEngineView;
  onRemove(): void;
}) {
  const { contract, store } = useServices();
  const [retrying, setRetrying] = useState(false);

  async function retry() {
    setRetrying(true);
    try {
      const { engine: status } = await contract.call('engines.retry', { engine: engine.id });
      store.getState().patchEngine(status);
    } catch {
      // Shown elsewhere: a renewed reason comes as engines.notLoaded onto this card, a lost host in the top banner.
    } finally {
      setRetrying(false);
    }
  }

  return (
    <article
      className="card engine-card engine-not-loaded"
      data-engine={engine.id}
      data-state="not-loaded"
    >
      <header>
        <h3>{engine.name}</h3>
        <StateBadge state="not-loaded" />
      </header>
      <dl className="summary">
        <dt>Kind</dt>
        <dd>{engine.profile.kind}</dd>
        <dt>Address</dt>
        <dd>
          <code>{profileAddress(engine.profile)}</code>
        </dd>
        <dt>Last tried</dt>
        <dd className="since">{formatTime(engine.since)}</dd>
      </dl>
      <ErrorNotice error={engine.error} />
      <p className="muted small">
        Kept in the saved engines: fix the cause and Retry, or Remove it.
      </p>
      <div className="card-actions">
        <button type="button" className="link" disabled={retrying} onClick={() => void retry()}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
        <button type="button" className="link" onClick={onRemove}>
          Remove
        </button>
      </div>
    </article>
  );
}
