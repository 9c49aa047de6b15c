import type { PolicyForm } from './policy-form';

function Check({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** The policy new grants get: licence, home, view, startup data and the common volume. */
export function PolicyEditor({
  form,
  onChange,
}: {
  form: PolicyForm;
  onChange(form: PolicyForm): void;
}) {
  const set = (patch: Partial<PolicyForm>) => onChange({ ...form, ...patch });
  return (
    <fieldset className="policy-editor">
      <legend>Policy for new grants</legend>
      <label>
        Licence
        <input
          id="policy-license"
          placeholder="none"
          value={form.appLicense}
          onChange={(e) => set({ appLicense: e.target.value })}
        />
      </label>
      <Check
        label="Home directory"
        checked={form.allowHome}
        onChange={(allowHome) => set({ allowHome })}
      />
      <Check
        label="Viewable by others"
        checked={form.allowView}
        onChange={(allowView) => set({ allowView })}
      />
      <Check
        label="Startup data"
        checked={form.allowStartupData}
        onChange={(allowStartupData) => set({ allowStartupData })}
      />
      <label>
        Common volume
        <input
          id="policy-volume-source"
          placeholder="/srv/shared (host)"
          value={form.volumeSource}
          onChange={(e) => set({ volumeSource: e.target.value })}
        />
      </label>
      <label>
        at
        <input
          id="policy-volume-target"
          placeholder="/data (container)"
          value={form.volumeTarget}
          onChange={(e) => set({ volumeTarget: e.target.value })}
        />
      </label>
      <select
        aria-label="Volume mode"
        value={form.volumeMode}
        onChange={(e) => set({ volumeMode: e.target.value as 'ro' | 'rw' })}
      >
        <option value="ro">read-only</option>
        <option value="rw">read-write</option>
      </select>
      <label>
        CPUs
        <input
          id="policy-cpus"
          className="number-input"
          inputMode="decimal"
          placeholder="no limit"
          value={form.cpus}
          onChange={(e) => set({ cpus: e.target.value })}
        />
      </label>
      <label>
        Memory (MiB)
        <input
          id="policy-memory"
          className="number-input"
          inputMode="decimal"
          placeholder="no limit"
          value={form.memoryMiB}
          onChange={(e) => set({ memoryMiB: e.target.value })}
        />
      </label>
      <label>
        Constraints
        <input
          id="policy-constraints"
          placeholder="node.labels.zone==a, node.role!=manager (Swarm)"
          value={form.constraints}
          onChange={(e) => set({ constraints: e.target.value })}
        />
      </label>
    </fieldset>
  );
}
