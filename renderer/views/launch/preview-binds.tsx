import type { ContainerPreviewView } from '../../../src-core/api/containers';

type PreviewBind = ContainerPreviewView['binds'][number];

/** A remote engine's binds (exists: null) are checked on its own machine, at launch. */
const BIND_CLASS: Record<string, string> = {
  true: 'bind',
  false: 'bind missing',
  null: 'bind unchecked',
};

/** One user's binds in the preview: a missing host path flagged, an unchecked one said so. */
export function PreviewBinds({ binds }: { binds: PreviewBind[] }) {
  if (binds.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="plain binds">
      {binds.map((b) => (
        <li key={b.target} className={BIND_CLASS[String(b.exists)]} data-exists={String(b.exists)}>
          <code>
            {b.source} → {b.target} ({b.mode})
          </code>
          {b.exists === false && <span className="missing-flag">missing: skipped</span>}
          {b.exists === null && <span className="muted"> checked by the engine at launch</span>}
        </li>
      ))}
    </ul>
  );
}
