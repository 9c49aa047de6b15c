import { Field } from '../../components/field';
import {
  constraintsError,
  MEMORY_UNITS,
  type FieldErrors,
  type LaunchForm,
  type MemoryUnit,
} from './launch-form';

/**
 * The launch's CPU and memory limits (a Swarm engine also reserves them and
 * places by them) and its Swarm placement constraints.
 */
export function ResourceFields({
  form,
  errors,
  onChange,
}: {
  form: LaunchForm;
  errors: FieldErrors;
  onChange(patch: Partial<LaunchForm>): void;
}) {
  const constraints = constraintsError(errors);
  return (
    <>
      <h3>Resources</h3>
      <div className="resource-limits">
        <Field id="launch-cpus" label="CPUs" error={errors.cpus} hint="0.5, 2; empty: no limit.">
          <input
            id="launch-cpus"
            inputMode="decimal"
            aria-invalid={!!errors.cpus}
            placeholder="no limit"
            value={form.cpus}
            onChange={(e) => onChange({ cpus: e.target.value })}
          />
        </Field>
        <Field id="launch-memory" label="Memory" error={errors.memory} hint="Empty: no limit.">
          <div className="with-unit">
            <input
              id="launch-memory"
              inputMode="decimal"
              aria-invalid={!!errors.memory}
              placeholder="no limit"
              value={form.memory}
              onChange={(e) => onChange({ memory: e.target.value })}
            />
            <select
              aria-label="Memory unit"
              value={form.memoryUnit}
              onChange={(e) => onChange({ memoryUnit: e.target.value as MemoryUnit })}
            >
              {Object.keys(MEMORY_UNITS).map((unit) => (
                <option key={unit} value={unit}>
                  {unit}
                </option>
              ))}
            </select>
          </div>
        </Field>
      </div>
      <Field
        id="launch-constraints"
        label="Placement constraints"
        error={constraints}
        hint="Swarm engines only: one per line or comma separated, such as node.role==worker or node.labels.zone==a."
      >
        <textarea
          id="launch-constraints"
          rows={2}
          aria-invalid={!!constraints}
          placeholder="node.labels.zone==a"
          value={form.constraints}
          onChange={(e) => onChange({ constraints: e.target.value })}
        />
      </Field>
    </>
  );
}
