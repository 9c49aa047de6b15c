import type { ContainerPreviewView } from '../../../src-core/api/containers';
import type { AppImageView } from '../../../src-core/api/images';
import { ErrorNotice } from '../../components/error-notice';
import type { LaunchSettings } from '../../store/actions';
import { PreviewBinds } from './preview-binds';
import { PreviewPlacement } from './preview-placement';
import { enginesOf, PreviewUsers } from './preview-users';
import { useLaunchPreview } from './use-launch-preview';
import { WithRandom } from './with-random';

function Lines({ entries }: { entries: Array<[string, string]> }) {
  return (
    <code className="block">
      {entries.map(([k, v]) => (
        <div key={k}>
          {k}=<WithRandom text={v} />
        </div>
      ))}
    </code>
  );
}

function UserDetails({ c, open }: { c: ContainerPreviewView; open: boolean }) {
  return (
    <details className="preview-user" data-user={c.user} open={open}>
      <summary>
        <strong>{c.user}</strong>{' '}
        <code className="preview-name">
          {c.namePrefix}-<WithRandom text={c.nameSuffix} />
        </code>
      </summary>
      <dl className="summary">
        <dt>Labels</dt>
        <dd>
          <Lines entries={Object.entries(c.labels)} />
        </dd>
        <dt>Environment</dt>
        <dd>
          <Lines entries={Object.entries(c.environment)} />
        </dd>
        <dt>Binds</dt>
        <dd>
          <PreviewBinds binds={c.binds} />
        </dd>
        <PreviewPlacement resources={c.resources} service={c.service} />
        <dt>Port</dt>
        <dd className="preview-port">
          {c.service ? (
            // Swarm's host mode publishes on every interface of the task's node: no address to name.
            <>8888, published on every interface of the node that runs the task</>
          ) : (
            <>
              8888, published on <code>{c.publishIp}</code> only
            </>
          )}
        </dd>
      </dl>
    </details>
  );
}

/**
 * Exactly what the launch will create, per user, as the core's dry run
 * (`containers.preview`) reports it: name (its random end marked), labels,
 * environment, binds, with host paths that do not exist flagged (on an
 * engine of this machine; a remote engine checks its own at launch), limits,
 * and on a Swarm engine the service spec.
 */
export function LaunchPreview({
  users,
  settings,
  image,
  granted,
  ready,
  revision,
}: {
  users: string[];
  settings: LaunchSettings;
  image: AppImageView | undefined;
  /** The users the catalog grants this image to; null without a catalog. */
  granted: string[] | null;
  /** Whether the form is complete and valid, so that the core is worth asking. */
  ready: boolean;
  /** Changes after each launch: what exists on the engine changed. */
  revision: number;
}) {
  const preview = useLaunchPreview(users, settings, ready, revision);
  const containers = preview.state === 'ready' ? preview.preview.containers : [];
  // A Swarm engine that runs services makes each user a service.
  const kind = containers.length && containers.every((c) => c.service) ? 'service' : 'container';
  const missing = [
    ...new Set(
      containers.flatMap((c) => c.binds.filter((b) => b.exists === false).map((b) => b.source)),
    ),
  ];
  return (
    <div className="preview" aria-label="Launch preview" data-state={preview.state}>
      <h3>
        Will create {users.length || 'no'} {users.length === 1 ? kind : `${kind}s`}
      </h3>
      <dl className="summary">
        <dt>Application</dt>
        <dd>{image ? `${image.uiName || image.name} (${image.name})` : settings.image || '—'}</dd>
        <dt>Engine</dt>
        <dd className="preview-engine">
          {preview.state === 'ready'
            ? enginesOf(containers).join(', ')
            : settings.engine === 'any'
              ? 'any (per user: where they run it already, else the least loaded)'
              : settings.engine}
        </dd>
      </dl>
      {missing.length > 0 && (
        <div className="preview-missing" role="note">
          {missing.length === 1 ? 'This host path does' : 'These host paths do'} not exist:{' '}
          {missing.map((m) => (
            <code key={m}>{m}</code>
          ))}
          . {missing.length === 1 ? 'Its bind is' : 'Their binds are'} skipped at launch.
        </div>
      )}
      {preview.state === 'idle' && (
        <p className="muted">
          Name the users and choose an application to see exactly what will be created.
        </p>
      )}
      {preview.state === 'loading' && <p className="muted">Asking the engine…</p>}
      {preview.state === 'failed' && <ErrorNotice error={preview.error} />}
      {preview.state === 'ready' && (
        <>
          <PreviewUsers containers={containers} granted={granted} />
          {containers.map((c, i) => (
            <UserDetails key={c.user} c={c} open={i === 0} />
          ))}
        </>
      )}
    </div>
  );
}
