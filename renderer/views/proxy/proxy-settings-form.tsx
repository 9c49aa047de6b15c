import { useState } from 'react';
import type { ErrorPayload } from '../../../src-core/api/errors';
import { ErrorNotice } from '../../components/error-notice';
import { useServices } from '../../app/app-context';
import { toErrorPayload } from '../../store/contract-port';
import type { ProxyStatus } from '../../store/proxy-slice';
import { Field } from '../launch/field';

/** The proxy's settings; saving reconfigures the running proxy, and a refusal shows at its field. */
export function ProxySettingsForm({ status }: { status: ProxyStatus }) {
  const { store, port } = useServices();
  const s = status.settings;
  const [backend, setBackend] = useState(s.backend);
  const [host, setHost] = useState(s.host);
  const [portText, setPortText] = useState(String(s.port));
  const [timeout, setTimeoutText] = useState(String(s.readyTimeoutSeconds));
  const [apiUrl, setApiUrl] = useState(s.chp?.apiUrl ?? '');
  const [publicUrl, setPublicUrl] = useState(s.chp?.publicUrl ?? '');
  const [token, setToken] = useState('');
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [saved, setSaved] = useState(false);
  const fieldError = (field: string) =>
    error?.details.field === `settings.${field}` ? String(error.details.reason) : undefined;

  async function save() {
    setSaved(false);
    try {
      const next = await port.call('proxy.configure', {
        settings: {
          backend,
          host,
          port: Number(portText),
          readyTimeoutSeconds: Number(timeout),
          chp: backend === 'chp' ? { apiUrl, publicUrl, ...(token && { token }) } : null,
        },
      });
      store.getState().setProxy(next);
      setError(null);
      setSaved(true);
    } catch (e) {
      setError(toErrorPayload(e));
    }
  }

  return (
    <form
      className="card proxy-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>Settings</h3>
      <Field id="proxy-backend" label="Backend" error={fieldError('backend')}>
        <select
          id="proxy-backend"
          value={backend}
          onChange={(e) => setBackend(e.target.value as typeof backend)}
        >
          <option value="embedded">Embedded proxy</option>
          <option value="chp">configurable-http-proxy (already running)</option>
        </select>
      </Field>
      {backend === 'embedded' && (
        <div className="field-row">
          <Field id="proxy-host" label="Address" error={fieldError('host')}>
            <input id="proxy-host" value={host} onChange={(e) => setHost(e.target.value)} />
          </Field>
          <Field id="proxy-port" label="Port" error={fieldError('port')}>
            <input
              id="proxy-port"
              inputMode="numeric"
              value={portText}
              onChange={(e) => setPortText(e.target.value)}
            />
          </Field>
        </div>
      )}
      {backend === 'chp' && (
        <>
          <Field
            id="proxy-api"
            label="CHP API URL"
            error={fieldError('chp.apiUrl') ?? fieldError('chp')}
          >
            <input
              id="proxy-api"
              placeholder="http://127.0.0.1:8001"
              value={apiUrl}
              onChange={(e) => setApiUrl(e.target.value)}
            />
          </Field>
          <Field id="proxy-public" label="CHP public URL" error={fieldError('chp.publicUrl')}>
            <input
              id="proxy-public"
              placeholder="http://127.0.0.1:8000"
              value={publicUrl}
              onChange={(e) => setPublicUrl(e.target.value)}
            />
          </Field>
          <Field
            id="proxy-token"
            label="CHP auth token"
            error={fieldError('chp.token')}
            hint={
              s.chp?.tokenSet
                ? 'A token is stored; leave empty to keep it.'
                : 'CONFIGPROXY_AUTH_TOKEN of the proxy.'
            }
          >
            <input
              id="proxy-token"
              type="password"
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
          </Field>
        </>
      )}
      <Field
        id="proxy-timeout"
        label="Readiness time-out (seconds)"
        error={fieldError('readyTimeoutSeconds')}
      >
        <input
          id="proxy-timeout"
          inputMode="numeric"
          value={timeout}
          onChange={(e) => setTimeoutText(e.target.value)}
        />
      </Field>
      {error && !error.details.field?.toString().startsWith('settings.') && (
        <ErrorNotice error={error} />
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          Save and apply
        </button>
        {saved && <span className="ok">Applied.</span>}
      </div>
    </form>
  );
}
