import type { AppImageView } from '../../../src-core/api/images';
import type { LaunchSettings } from '../../store/actions';

/**
 * What the launch will ask the core for, per user: one container each, with
 * this image, engine, environment and binds. The core adds the realm's
 * labels, the name and JPY_USER / JPY_BASE_USER_URL / USER / URL_ID.
 */
export function LaunchPreview({
  users,
  settings,
  image,
  granted,
}: {
  users: string[];
  settings: LaunchSettings;
  image: AppImageView | undefined;
  /** The users the catalog grants this image to; null without a catalog. */
  granted: string[] | null;
}) {
  const env = settings.environment ?? {};
  return (
    <div className="preview" aria-label="Launch preview">
      <h3>
        Will create {users.length || 'no'} container{users.length === 1 ? '' : 's'}
      </h3>
      <dl className="summary">
        <dt>Application</dt>
        <dd>{image ? `${image.uiName || image.name} (${image.name})` : settings.image || '—'}</dd>
        <dt>Engine</dt>
        <dd>
          {settings.engine === 'any' ? 'any (the one with the fewest containers)' : settings.engine}
        </dd>
        <dt>Environment</dt>
        <dd>
          {Object.keys(env).length === 0 ? (
            <span className="muted">only the per-user variables</span>
          ) : (
            <code className="block">
              {Object.entries(env)
                .map(([k, v]) => `${k}=${v}`)
                .join('\n')}
            </code>
          )}
        </dd>
        <dt>Binds</dt>
        <dd>
          {(settings.volumes ?? []).length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <code className="block">
              {settings.volumes!.map((v) => `${v.source} → ${v.target} (${v.mode})`).join('\n')}
            </code>
          )}
        </dd>
      </dl>
      <table className="preview-users">
        <thead>
          <tr>
            <th>User</th>
            <th>JPY_USER</th>
            <th>Labels</th>
            {granted && <th>Catalog</th>}
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u}>
              <td>{u}</td>
              <td>
                <code>{u}</code>
              </td>
              <td>
                <code>runinfo.user={u}</code>
              </td>
              {granted && (
                <td>
                  {granted.includes(u) ? (
                    <span className="ok">granted</span>
                  ) : (
                    <span
                      className="warning"
                      title="Launched ad hoc: the catalog has no grant of this image to this user"
                    >
                      no grant
                    </span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field-hint">
        Host paths that do not exist on the engine are skipped at launch and listed in the result.
      </p>
    </div>
  );
}
