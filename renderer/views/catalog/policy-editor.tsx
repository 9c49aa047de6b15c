import type { Request } from '../../../src-core/api/contract';

export type PolicyInput = Request<'catalog.addGrant'>['policy'];

export interface PolicyForm {
  appLicense: string;
  allowHome: boolean;
  allowView: boolean;
  allowStartupData: boolean;
  volumeSource: string;
  volumeTarget: string;
  volumeMode: 'ro' | 'rw';
}

export const EMPTY_POLICY: PolicyForm = {
  appLicense: '',
  allowHome: true,
  allowView: false,
  allowStartupData: false,
  volumeSource: '',
  volumeTarget: '',
  volumeMode: 'ro',
};

/** The policy as the contract takes it: the common volume (and allowCommon) only when both paths are set. */
export function policyInput(form: PolicyForm): PolicyInput {
  const volume =
    form.volumeSource.trim() || form.volumeTarget.trim()
      ? {
          source: form.volumeSource.trim(),
          target: form.volumeTarget.trim(),
          mode: form.volumeMode,
        }
      : null;
  return {
    appLicense: form.appLicense.trim() || null,
    allowHome: form.allowHome,
    allowView: form.allowView,
    allowCommon: volume !== null,
    volume,
    allowStartupData: form.allowStartupData,
  };
}

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
    </fieldset>
  );
}

/** A policy in a few words, for a grant's tooltip and list. */
export function describePolicy(p: {
  id: number;
  appLicense: string | null;
  allowHome: boolean;
  allowView: boolean;
  volume: { source: string; target: string; mode: string } | null;
  allowStartupData: boolean;
}): string {
  const parts = [`policy ${p.id}`];
  if (p.appLicense) parts.push('licence');
  if (p.allowHome) parts.push('home');
  if (p.allowView) parts.push('viewable');
  if (p.allowStartupData) parts.push('startup data');
  if (p.volume) parts.push(`${p.volume.source} → ${p.volume.target} (${p.volume.mode})`);
  return parts.join(', ');
}
