import { useState } from 'react';
import { AppIcon } from '../../components/app-icon';
import { ErrorNotice } from '../../components/error-notice';
import { StateBadge } from '../../components/state-badge';
import { useSampling } from '../../components/use-sampling';
import { useApp, useServices } from '../../context/app-context';
import { formatDuration } from '../../format/duration';
import { splitKey, type ContainerKey } from '../../store/container-key';
import { isStale } from '../../store/engines-slice';
import { applicationName } from '../../store/images-slice';
import { StopConfirm } from '../../components/stop-confirm';
import { LogView } from './log-view';
import { useSessionSeries } from './session-series';
import { UsageCharts } from './usage-charts';
import { useInspect } from './use-inspect';

/** The open container: its summary, logs, URL and stop. */
export function ContainerDetails({ rowKey }: { rowKey: ContainerKey }) {
  const { store, openUrl } = useServices();
  const c = useApp((s) => s.containers[rowKey]);
  const stale = useApp((s) => (c ? isStale(s, c.engine) : false));
  const image = useApp((s) => (c ? (s.imageIndex[c.image] ?? s.imageIndex[c.imageId]) : undefined));
  const { engine, id } = splitKey(rowKey);
  const inspect = useInspect(engine, id, c?.state ?? 'gone');
  const [tab, setTab] = useState<'summary' | 'logs'>('summary');
  const [stopping, setStopping] = useState(false);
  const [copied, setCopied] = useState(false);
  useSampling();
  // Kept here, not in the Summary tab: a look at the logs does not cut the charts' session short.
  const usage = useSessionSeries(useApp((s) => s.stats[rowKey]));
  if (!c) return null;
  const app = applicationName(image, c.image);
  const info = inspect.data;

  return (
    <aside className="details" aria-label="Container details">
      <header className="details-head">
        <AppIcon image={image} name={app} />
        <div className="details-title">
          <h2>{app}</h2>
          <div className="muted">
            {c.user} · {c.engine}
          </div>
        </div>
        <StateBadge state={c.state} stale={stale} />
        <button
          type="button"
          className="icon-button"
          aria-label="Close details"
          onClick={() => store.getState().focus(null)}
        >
          ✕
        </button>
      </header>
      <div className="details-actions">
        <button
          type="button"
          className="primary"
          disabled={!c.url}
          onClick={() => c.url && openUrl(c.url)}
        >
          Open
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!c.url}
          onClick={() =>
            c.url &&
            navigator.clipboard.writeText(c.url).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy URL'}
        </button>
        <button type="button" className="danger" onClick={() => setStopping(true)}>
          Stop
        </button>
      </div>
      <div className="tabs" role="tablist">
        {(['summary', 'logs'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
          >
            {t === 'summary' ? 'Summary' : 'Logs'}
          </button>
        ))}
      </div>
      {tab === 'summary' ? (
        // Focusable: with the charts it scrolls, and the keyboard must reach all of it.
        <div className="details-body" tabIndex={0}>
          <UsageCharts rowKey={rowKey} session={usage} running={c.state === 'running'} />
          {inspect.error && <ErrorNotice error={inspect.error} />}
          <dl className="summary">
            <dt>Name</dt>
            <dd>{c.name}</dd>
            <dt>Image</dt>
            <dd>{c.image}</dd>
            <dt>Status</dt>
            <dd>{c.status}</dd>
            <dt>URL</dt>
            <dd>{c.url ?? <span className="muted">not running</span>}</dd>
            <dt>URL id</dt>
            <dd>
              <code>{c.urlId}</code>
            </dd>
            <dt>Address</dt>
            <dd>{c.port ? `${c.ip}:${c.port}` : '—'}</dd>
            {info && (
              <>
                <dt>Started</dt>
                <dd>
                  {info.startedAt ?? '—'}
                  {c.state === 'running' &&
                    info.startedAt &&
                    ` (${formatDuration(Date.now() - Date.parse(info.startedAt))})`}
                </dd>
                {info.exitCode !== null && c.state !== 'running' && (
                  <>
                    <dt>Exit code</dt>
                    <dd>{info.exitCode}</dd>
                  </>
                )}
                <dt>Command</dt>
                <dd>
                  <code>{info.command.join(' ')}</code>
                </dd>
                <dt>Mounts</dt>
                <dd>
                  {info.mounts.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    info.mounts.map((m) => (
                      <div key={m.target}>
                        <code>
                          {m.source} → {m.target} {m.readOnly ? '(ro)' : '(rw)'}
                        </code>
                      </div>
                    ))
                  )}
                </dd>
                <dt>Environment</dt>
                <dd>
                  <code className="block">{info.env.join('\n')}</code>
                </dd>
              </>
            )}
          </dl>
        </div>
      ) : (
        <LogView engine={engine} id={id} />
      )}
      {stopping && <StopConfirm keys={[rowKey]} onClose={() => setStopping(false)} />}
    </aside>
  );
}
