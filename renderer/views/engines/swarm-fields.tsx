import { useState } from 'react';
import { Field } from '../../components/field';
import type { ProfileForm } from './profile-form';
import { nodeAddressesError, SWARM_MODES, type SwarmMode } from './swarm-form';

/**
 * The Swarm part of a profile, folded away: most engines are no Swarm
 * manager. It opens by itself when one of its fields is refused.
 */
export function SwarmFields({
  form,
  errors,
  update,
}: {
  form: ProfileForm;
  errors: Record<string, string>;
  update: (patch: Partial<ProfileForm>) => void;
}) {
  const [open, setOpen] = useState(false);
  const nodeError = nodeAddressesError(errors, form.nodeAddresses);
  const invalid = !!(errors.mode || errors.placementTimeoutSeconds || nodeError);
  return (
    <details
      className="swarm-group"
      open={open || invalid}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Docker Swarm</summary>
      <div className="field-row">
        <Field id="engine-mode" label="Launch as" error={errors.mode}>
          <select
            id="engine-mode"
            aria-invalid={!!errors.mode}
            value={form.mode}
            onChange={(e) => update({ mode: e.target.value as SwarmMode })}
          >
            {SWARM_MODES.map((m) => (
              <option key={m.mode} value={m.mode}>
                {m.label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="engine-placementTimeout"
          label="Placement timeout (s)"
          error={errors.placementTimeoutSeconds}
          hint="How long a launch waits for Swarm to start its task; empty: 60."
        >
          <input
            id="engine-placementTimeout"
            inputMode="numeric"
            placeholder="60"
            aria-invalid={!!errors.placementTimeoutSeconds}
            value={form.placementTimeout}
            onChange={(e) => update({ placementTimeout: e.target.value })}
          />
        </Field>
      </div>
      <Field
        id="engine-nodeAddresses"
        label="Node addresses"
        error={nodeError}
        hint="One hostname=IP per line, where this machine reaches that node; empty: Swarm's own."
      >
        <textarea
          id="engine-nodeAddresses"
          rows={3}
          spellCheck={false}
          placeholder="worker-7=10.0.3.7"
          aria-invalid={!!nodeError}
          value={form.nodeAddresses}
          onChange={(e) => update({ nodeAddresses: e.target.value })}
        />
      </Field>
    </details>
  );
}
