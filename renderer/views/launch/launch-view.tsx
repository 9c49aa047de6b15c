import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppImageView } from '../../../src-core/api/images';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { ProgressBar } from '../../components/progress-bar';
import { useApp, useServices } from '../../context/app-context';
import { launchForUsers, type LaunchOutcome } from '../../store/actions';
import { grantedUsers } from '../../store/catalog-slice';
import { Field } from '../../components/field';
import {
  checkForm,
  EMPTY_FORM,
  fieldOf,
  launchSettings,
  parseUsers,
  type FieldErrors,
  type LaunchForm,
} from './launch-form';
import { EngineOptions, ResolutionOptions } from '../../components/launch-options';
import { LaunchPreview } from './launch-preview';
import { ResourceFields } from './resource-fields';
import { VolumeEditor } from './volume-editor';

type UserStatus = { state: 'launching' } | LaunchOutcome;

function useLaunchableImages(): AppImageView[] {
  const images = useApp((s) => s.images);
  return useMemo(() => {
    const byName = new Map<string, AppImageView>();
    for (const list of Object.values(images)) for (const i of list) byName.set(i.name, i);
    return [...byName.values()].sort((a, b) =>
      (a.uiName || a.name).localeCompare(b.uiName || b.name),
    );
  }, [images]);
}

export function LaunchView({ onDone }: { onDone(): void }) {
  const { store, contract, openUrl } = useServices();
  const images = useLaunchableImages();
  const [form, setForm] = useState<LaunchForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [statuses, setStatuses] = useState<Record<string, UserStatus>>({});
  const [busy, setBusy] = useState(false);
  const [launches, setLaunches] = useState(0);

  const users = parseUsers(form.users);
  const settings = launchSettings(form);
  const image = images.find((i) => i.name === form.image);
  const hasCatalog = useApp((s) => s.catalogError === null);
  const granted = useApp(useShallow((s) => grantedUsers(s.grants, form.image)));
  const takesResolution = image?.configurables.includes('resolution') ?? false;
  const update = (patch: Partial<LaunchForm>) => setForm((f) => ({ ...f, ...patch }));

  async function launch() {
    const found = checkForm(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setStatuses(Object.fromEntries(users.map((u) => [u, { state: 'launching' } as const])));
    const outcomes = await launchForUsers(
      store,
      contract,
      users,
      settings,
      image?.uiName || form.image,
      (o) => setStatuses((s) => ({ ...s, [o.user]: o })),
    );
    // A refusal that names a field is shown at that field too.
    const fieldErrors: FieldErrors = {};
    for (const o of outcomes) {
      const field = !o.ok && fieldOf(o.error);
      if (field && !(field in fieldErrors))
        fieldErrors[field] =
          field === 'user'
            ? `"${o.user}": ${o.error.details.reason}`
            : String(o.error.details.reason ?? o.error.message);
    }
    setErrors(fieldErrors);
    setBusy(false);
    setLaunches((n) => n + 1);
  }

  const done = Object.values(statuses).filter((s) => !('state' in s)).length;
  const total = Object.keys(statuses).length;

  return (
    <section className="view launch-view" aria-label="Launch">
      <form
        className="launch-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void launch();
        }}
      >
        <h2>Launch an application</h2>
        <Field
          id="launch-users"
          label="Users"
          error={errors.user}
          hint="One or more user names, separated by commas or spaces."
        >
          <textarea
            id="launch-users"
            rows={2}
            aria-invalid={!!errors.user}
            placeholder="alice, bob, carol"
            value={form.users}
            onChange={(e) => update({ users: e.target.value })}
          />
        </Field>
        {images.length === 0 ? (
          <EmptyState title="No launchable image">
            Build or pull an image with simphony-remote labels on an engine; tagged images appear
            here.
          </EmptyState>
        ) : (
          <Field id="launch-image" label="Application" error={errors.image}>
            <select
              id="launch-image"
              aria-invalid={!!errors.image}
              value={form.image}
              onChange={(e) => update({ image: e.target.value, resolution: '' })}
            >
              <option value="">Choose an application…</option>
              {images.map((i) => (
                <option key={i.name} value={i.name}>
                  {i.uiName ? `${i.uiName} — ${i.name}` : i.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        {granted.length > 0 && (
          <div className="granted-hint">
            Granted in the catalog to {granted.length} user{granted.length === 1 ? '' : 's'}:{' '}
            {granted.slice(0, 6).join(', ')}
            {granted.length > 6 ? ', …' : ''}{' '}
            <button
              type="button"
              className="link"
              onClick={() => update({ users: granted.join(', ') })}
            >
              Use them
            </button>
          </div>
        )}
        <Field id="launch-engine" label="Engine" error={errors.engine}>
          <select
            id="launch-engine"
            value={form.engine}
            onChange={(e) => update({ engine: e.target.value })}
          >
            <EngineOptions />
          </select>
        </Field>
        <h3>Policy</h3>
        <VolumeEditor
          volumes={form.volumes}
          errors={errors}
          onChange={(volumes) => update({ volumes })}
        />
        <Field
          id="launch-licence"
          label="Licence"
          error={errors['environment.APP_LICENSE']}
          hint="Passed as APP_LICENSE; leave empty for none."
        >
          <input
            id="launch-licence"
            value={form.licence}
            onChange={(e) => update({ licence: e.target.value })}
          />
        </Field>
        {takesResolution && (
          <Field id="launch-resolution" label="Resolution">
            <select
              id="launch-resolution"
              value={form.resolution}
              onChange={(e) => update({ resolution: e.target.value })}
            >
              <ResolutionOptions />
            </select>
          </Field>
        )}
        <ResourceFields form={form} errors={errors} onChange={update} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Launching…' : users.length > 1 ? `Launch for ${users.length} users` : 'Launch'}
          </button>
          <button type="button" className="secondary" onClick={onDone}>
            Back to containers
          </button>
        </div>
      </form>
      <div className="launch-side">
        {/* The outcome of a launch first: the preview is long. */}
        {total > 0 && (
          <div className="launch-results" aria-label="Launch results">
            <h3>
              Launched {done} of {total}
            </h3>
            <ProgressBar done={done} total={total} label="Launch progress" />
            <ul className="plain">
              {Object.entries(statuses).map(([user, s]) => (
                <li
                  key={user}
                  className="launch-result"
                  data-user={user}
                  data-outcome={'state' in s ? 'launching' : s.ok ? 'ok' : 'error'}
                >
                  <strong className="launch-user">{user}</strong>
                  {'state' in s ? (
                    <span className="muted">launching…</span>
                  ) : s.ok ? (
                    <>
                      <span className="launch-name truncate" title={s.result.container.name}>
                        <span className="ok">started</span> <code>{s.result.container.name}</code>
                      </span>
                      {s.result.container.url && (
                        <button
                          type="button"
                          className="link"
                          onClick={() => openUrl(s.result.container.url!)}
                        >
                          Open
                        </button>
                      )}
                      {s.result.skippedVolumes.length > 0 && (
                        <div className="warning launch-note">
                          Skipped missing host path{s.result.skippedVolumes.length === 1 ? '' : 's'}
                          : {s.result.skippedVolumes.map((v) => v.source).join(', ')}
                        </div>
                      )}
                    </>
                  ) : (
                    <div className="launch-note">
                      <ErrorNotice error={s.error} compact />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        <LaunchPreview
          users={users}
          settings={settings}
          image={image}
          granted={hasCatalog ? granted : null}
          ready={Object.keys(checkForm(form)).length === 0}
          revision={launches}
        />
      </div>
    </section>
  );
}
