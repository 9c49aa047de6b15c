import { useState, type FormEvent } from 'react';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { ErrorNotice } from '../../components/error-notice';
import { useServices } from '../../context/app-context';
import { Field } from '../../components/field';
import type { ProxyStatus } from './use-proxy-status';

/** The form's fields, as the inputs hold them (numbers as typed). */
function fieldsOf({ settings }: ProxyStatus) {
  return {
    backend: settings.backend,
    host: settings.host,
    port: String(settings.port),
    readyTimeoutSeconds: String(settings.readyTimeoutSeconds),
    apiUrl: settings.chp?.apiUrl ?? '',
    publicUrl: settings.chp?.publicUrl ?? '',
    // Never sent back by the host: empty keeps the stored token.
    token: '',
  };
}

/** The proxy's settings: which proxy, its address, the readiness time-out, CHP's API and token. */
export function ProxySettingsForm({
  status,
  onSaved,
}: {
  status: ProxyStatus;
  onSaved(status: ProxyStatus): void;
}) {
  const { contract } = useServices();
  const [fields, setFields] = useState(() => fieldsOf(status));
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = (name: keyof typeof fields) => (value: string) => {
    setFields((f) => ({ ...f, [name]: value }));
    setSaved(false);
  };
  const fieldError = (name: string) =>
    error?.details.field === `settings.${name}` ? error.message : undefined;
  const tokenSet = status.settings.chp?.tokenSet ?? false;

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const chp =
        fields.backend === 'chp' || fields.apiUrl
          ? {
              apiUrl: fields.apiUrl,
              publicUrl: fields.publicUrl,
              ...(fields.token && { token: fields.token }),
            }
          : null;
      const next = await contract.call('proxy.configure', {
        settings: {
          backend: fields.backend,
          host: fields.host,
          port: Number(fields.port),
          readyTimeoutSeconds: Number(fields.readyTimeoutSeconds),
          // Not edited here (set in the settings file): sent back so that saving keeps them.
          allowedOrigins: status.settings.allowedOrigins,
          chp,
        },
      });
      setError(null);
      setSaved(true);
      setFields(fieldsOf(next));
      onSaved(next);
    } catch (failure) {
      setError(errorPayloadOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const input = (name: keyof typeof fields, props: Record<string, unknown> = {}) => (
    <input
      id={`proxy-${name}`}
      value={fields[name]}
      onChange={(e) => set(name)(e.target.value)}
      aria-invalid={fieldError(name) ? true : undefined}
      {...props}
    />
  );

  return (
    <form className="card proxy-settings" onSubmit={save} aria-label="Proxy settings">
      <header>
        <h3>Settings</h3>
      </header>
      <Field id="proxy-backend" label="Proxy">
        <select
          id="proxy-backend"
          value={fields.backend}
          onChange={(e) => set('backend')(e.target.value)}
        >
          <option value="embedded">Embedded (in this app)</option>
          <option value="chp">configurable-http-proxy</option>
        </select>
      </Field>
      {fields.backend === 'embedded' ? (
        <>
          <Field
            id="proxy-host"
            label="Address"
            error={fieldError('host')}
            hint="Loopback only; the command line prints URLs on this address too."
          >
            {input('host')}
          </Field>
          <Field id="proxy-port" label="Port" error={fieldError('port')}>
            {input('port', { inputMode: 'numeric' })}
          </Field>
        </>
      ) : (
        <>
          <Field id="proxy-apiUrl" label="CHP API URL" error={fieldError('chp.apiUrl')}>
            {input('apiUrl', { placeholder: 'http://127.0.0.1:8001' })}
          </Field>
          <Field
            id="proxy-publicUrl"
            label="CHP public URL"
            error={fieldError('chp.publicUrl')}
            hint="The base of every container URL."
          >
            {input('publicUrl', { placeholder: 'http://127.0.0.1:8000' })}
          </Field>
          <Field
            id="proxy-token"
            label="CHP token"
            error={fieldError('chp.token')}
            hint={tokenSet ? 'Leave empty to keep the stored token.' : undefined}
          >
            {input('token', {
              type: 'password',
              autoComplete: 'off',
              placeholder: tokenSet ? '(unchanged)' : '',
            })}
          </Field>
        </>
      )}
      <Field
        id="proxy-readyTimeoutSeconds"
        label="Readiness time-out (s)"
        error={fieldError('readyTimeoutSeconds')}
        hint="How long a new container's app has to answer before it is removed."
      >
        {input('readyTimeoutSeconds', { inputMode: 'numeric' })}
      </Field>
      {error && !String(error.details.field ?? '').startsWith('settings.') && (
        <ErrorNotice error={error} />
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        {saved && (
          <span className="muted" role="status">
            Saved: the proxy answers at {status.origin}
          </span>
        )}
      </div>
    </form>
  );
}
