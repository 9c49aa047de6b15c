import { useEffect, useState, type FormEvent } from 'react';
import type { CullReport } from '../../../src-core/api/cull';
import { formatDuration } from '../../../src-core/api/cull-policy';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { useServices } from '../../context/app-context';
import { formatTime } from '../../format/duration';

/** The policy as the inputs hold it: durations as typed, lists comma-separated. */
type Fields = Record<
  'idleFor' | 'exemptUsers' | 'exemptApplications' | 'removeExitedAfter',
  string
>;

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * The idle cull's policy, applied every minute while the app runs: stop the
 * containers not used through the proxy for the idle time, sparing the users
 * and applications named; a check shows what a cull would stop, then does it.
 */
export function CullSettings() {
  const { contract } = useServices();
  const [fields, setFields] = useState<Fields | null>(null);
  const [lastRun, setLastRun] = useState<CullReport | null>(null);
  const [check, setCheck] = useState<CullReport | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    contract.call('cull.policy', {}).then(
      ({ policy, lastRun }) => {
        setFields({
          idleFor: policy.idleFor ?? '',
          exemptUsers: policy.exemptUsers.join(', '),
          exemptApplications: policy.exemptApplications.join(', '),
          removeExitedAfter: policy.removeExitedAfter ?? '',
        });
        setLastRun(lastRun);
      },
      (failure: unknown) => setError(errorPayloadOf(failure)),
    );
    return contract.on('cull.done', setLastRun);
  }, [contract]);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    try {
      await work();
      setError(null);
    } catch (failure) {
      setError(errorPayloadOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const save = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await contract.call('cull.configure', {
        policy: {
          idleFor: fields!.idleFor.trim() || null,
          exemptUsers: list(fields!.exemptUsers),
          exemptApplications: list(fields!.exemptApplications),
          removeExitedAfter: fields!.removeExitedAfter.trim() || null,
        },
      });
      setSaved(true);
    });
  };
  const run = (dryRun: boolean) =>
    act(async () => {
      const report = await contract.call('cull.run', { dryRun });
      setCheck(dryRun ? report : null);
      if (!dryRun) setLastRun(report);
    });

  const fieldError = (name: string) =>
    String(error?.details.field ?? '').startsWith(`policy.${name}`) ? error!.message : undefined;
  const input = (name: keyof Fields, placeholder: string) => (
    <input
      id={`cull-${name}`}
      value={fields?.[name] ?? ''}
      placeholder={placeholder}
      disabled={!fields}
      aria-invalid={fieldError(name) ? true : undefined}
      onChange={(e) => {
        setFields((f) => f && { ...f, [name]: e.target.value });
        setSaved(false);
      }}
    />
  );

  return (
    <form className="card cull-settings" onSubmit={save} aria-label="Idle cull">
      <header>
        <h3>Idle cull</h3>
      </header>
      <Field
        id="cull-idleFor"
        label="Stop containers idle for"
        error={fieldError('idleFor')}
        hint="No request or WebSocket frame through the proxy for this long (90s, 15m, 2h); empty: never."
      >
        {input('idleFor', 'never')}
      </Field>
      <Field id="cull-exemptUsers" label="Never for users" error={fieldError('exemptUsers')}>
        {input('exemptUsers', 'ann, bob')}
      </Field>
      <Field
        id="cull-exemptApplications"
        label="Never for applications"
        error={fieldError('exemptApplications')}
      >
        {input('exemptApplications', 'simphony/paraview:5.9')}
      </Field>
      <Field
        id="cull-removeExitedAfter"
        label="Remove exited containers after"
        error={fieldError('removeExitedAfter')}
        hint="Empty: keep them (Relaunch brings them back)."
      >
        {input('removeExitedAfter', 'never')}
      </Field>
      {error && !String(error.details.field ?? '').startsWith('policy.') && (
        <ErrorNotice error={error} />
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !fields}>
          Save
        </button>
        <button type="button" disabled={busy} onClick={() => void run(true)}>
          Check now
        </button>
        {check && check.containers.length > 0 && (
          <button type="button" className="danger" disabled={busy} onClick={() => void run(false)}>
            {`Stop ${check.containers.length} idle`}
          </button>
        )}
        {saved && (
          <span className="muted" role="status">
            Saved: applied every minute
          </span>
        )}
      </div>
      {check && (
        <div className="cull-check" role="status">
          {check.containers.length === 0
            ? `Nothing to cull: ${check.kept} in use, ${check.exempt} exempt.`
            : `Would ${check.containers.map((c) => `${c.action} ${c.user} (${c.image}, idle ${formatDuration(c.idleSeconds)})`).join('; ')}.`}
        </div>
      )}
      {lastRun && (
        <p className="muted cull-last">
          {`Last cull ${formatTime(Date.parse(lastRun.at))}: ${lastRun.containers.filter((c) => c.outcome === 'done').length} stopped or removed, ${lastRun.containers.filter((c) => c.outcome === 'failed').length} failed.`}
        </p>
      )}
    </form>
  );
}
