import type { ContainerPreviewView } from '../../../src-core/api/containers';
import { WithRandom } from './with-random';

/** The engines a preview's users go to, each once, in the order first named. */
export function enginesOf(containers: ContainerPreviewView[]): string[] {
  return [...new Set(containers.map((c) => c.engine))];
}

/**
 * One row per user of the preview: the container's name, the one it
 * replaces, the other engines that have the user's app too (a launch leaves
 * it there), why their launch would be refused, the user's engine when the
 * users go to more than one, and whether the catalog grants them the image.
 */
export function PreviewUsers({
  containers,
  granted,
}: {
  containers: ContainerPreviewView[];
  /** The users the catalog grants this image to; null without a catalog. */
  granted: string[] | null;
}) {
  const perUser = enginesOf(containers).length > 1;
  return (
    <table className="preview-users">
      <thead>
        <tr>
          <th>User</th>
          <th>Container name</th>
          {perUser && <th>Engine</th>}
          {granted && <th>Catalog</th>}
        </tr>
      </thead>
      <tbody>
        {containers.map((c) => (
          <tr key={c.user} data-user={c.user}>
            <td>{c.user}</td>
            <td>
              <code>
                {c.namePrefix}-<WithRandom text={c.nameSuffix} />
              </code>
              {c.replaces && <div className="warning">replaces {c.replaces.slice(0, 12)}</div>}
              {c.alsoOn.length > 0 && (
                <div className="warning preview-also-on">
                  also has this app on {c.alsoOn.join(', ')}
                </div>
              )}
              {c.error && (
                <div className="preview-refused" role="alert">
                  {c.error.message}
                </div>
              )}
            </td>
            {perUser && <td className="preview-user-engine">{c.engine}</td>}
            {granted && (
              <td>
                {granted.includes(c.user) ? (
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
  );
}
