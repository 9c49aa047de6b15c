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
      {volumes.map((v, i) => (
        <div className="volume" key={i}>
          <PathInput
            id={`volume-${i}-source`}
            label={`Volume ${i + 1} host path`}
            placeholder="/host/path"
            value={v.source}
            error={errors[`volumes[${i}].source`] ?? errors[`volumes[${i}]`]}
            onChange={(source) => update(i, { source })}
          />
          <span className="arrow" aria-hidden="true">
            →
          </span>
          <PathInput
            id={`volume-${i}-target`}
            label={`Volume ${i + 1} container path`}
            placeholder="/container/path"
            value={v.target}
            error={errors[`volumes[${i}].target`]}
            onChange={(target) => update(i, { target })}
          />
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
      ))}
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

/** One path of a volume, with the core's or the schema's refusal under it. */
function PathInput({
  id,
  label,
  placeholder,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}) {
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <input
        id={id}
        aria-label={label}
        aria-invalid={!!error}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
