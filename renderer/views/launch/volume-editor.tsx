import type { FieldErrors, VolumeInput } from './launch-form';

/** The policy's bind mounts: host path, container path, read-only or not. */
export function VolumeEditor({
  volumes,
  errors,
  onChange,
}: {
  volumes: VolumeInput[];
  errors: FieldErrors;
  onChange(volumes: VolumeInput[]): void;
}) {
  const update = (i: number, patch: Partial<VolumeInput>) =>
    onChange(volumes.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  return (
    <fieldset className="volumes">
      <legend>Volumes</legend>
      {volumes.length === 0 && (
        <div className="field-hint">No volume: the container gets only its image.</div>
      )}
      {volumes.map((v, i) => {
        const sourceError = errors[`volumes[${i}].source`] ?? errors[`volumes[${i}]`];
        const targetError = errors[`volumes[${i}].target`];
        return (
          <div className="volume" key={i}>
            <div className={sourceError ? 'field invalid' : 'field'}>
              <input
                id={`volume-${i}-source`}
                aria-label={`Volume ${i + 1} host path`}
                aria-invalid={!!sourceError}
                placeholder="/host/path"
                value={v.source}
                onChange={(e) => update(i, { source: e.target.value })}
              />
              {sourceError && (
                <div className="field-error" role="alert">
                  {sourceError}
                </div>
              )}
            </div>
            <span className="arrow" aria-hidden="true">
              →
            </span>
            <div className={targetError ? 'field invalid' : 'field'}>
              <input
                id={`volume-${i}-target`}
                aria-label={`Volume ${i + 1} container path`}
                aria-invalid={!!targetError}
                placeholder="/container/path"
                value={v.target}
                onChange={(e) => update(i, { target: e.target.value })}
              />
              {targetError && (
                <div className="field-error" role="alert">
                  {targetError}
                </div>
              )}
            </div>
            <select
              aria-label={`Volume ${i + 1} mode`}
              value={v.mode}
              onChange={(e) => update(i, { mode: e.target.value as VolumeInput['mode'] })}
            >
              <option value="ro">read-only</option>
              <option value="rw">read-write</option>
            </select>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove volume ${i + 1}`}
              onClick={() => onChange(volumes.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="secondary small"
        onClick={() => onChange([...volumes, { source: '', target: '', mode: 'ro' }])}
      >
        Add volume
      </button>
    </fieldset>
  );
}
