import { useState, type ReactNode } from 'react';
import type { EngineProbeView } from '../../../src-core/api/engines';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { ErrorNotice } from '../../components/error-notice';
import { useServices } from '../../context/app-context';
import { Field } from '../../components/field';
import {
  checkProfile,
  EMPTY_PROFILE,
  KINDS,
  profileOf,
  type ProfileForm,
  type ProfileKind,
} from './profile-form';
import { probeSwarmLine } from './probe-swarm';
import { SwarmFields } from './swarm-fields';
import type { SwarmMode } from './swarm-form';

type Outcome =
  // The "Launch as" of the test: what the probe's Swarm role means depends on it.
  | { kind: 'tested'; probe: EngineProbeView; mode: SwarmMode }
  | { kind: 'added'; name: string }
  | { kind: 'failed'; error: ErrorPayload };

// SSH's port, like its user and key, comes from ~/.ssh/config when left empty.
const DEFAULT_PORT: Partial<Record<ProfileKind, string>> = { tcp: '2376' };

/**
 * A new engine: the fields its kind needs (files by path: the core reads
 * them, their contents never reach this window), a Test that connects once
 * and says what answered, and Add, which keeps it for the next start.
 */
export function AddEngineForm() {
  const { contract, store } = useServices();
  const [form, setForm] = useState<ProfileForm>(EMPTY_PROFILE);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<'test' | 'add' | null>(null);
  const update = (patch: Partial<ProfileForm>) => setForm((f) => ({ ...f, ...patch }));

  async function run(action: 'test' | 'add') {
    const found = checkProfile(form);
    setErrors(found);
    setOutcome(null);
    if (Object.keys(found).length) return;
    setBusy(action);
    try {
      const profile = profileOf(form);
      if (action === 'test') {
        const probe = await contract.call('engines.test', { profile });
        setOutcome({ kind: 'tested', probe, mode: form.mode });
      } else {
        const { engine } = await contract.call('engines.add', { profile });
        store.getState().patchEngine(engine);
        setOutcome({ kind: 'added', name: engine.name });
        setForm(EMPTY_PROFILE);
      }
    } catch (error) {
      const payload = errorPayloadOf(error);
      const field = payload.details.field;
      // The host names the request's field (`profile.tls.ca`); the form's inputs go by the profile's.
      if (typeof field === 'string' && field.startsWith('profile.'))
        setErrors({ [field.slice('profile.'.length)]: String(payload.details.reason ?? '') });
      setOutcome({ kind: 'failed', error: payload });
    } finally {
      setBusy(null);
    }
  }

  const input = (field: keyof ProfileForm, label: string, hint?: string, placeholder = '') => {
    const id = `engine-${field}`;
    // Form keys are the profile's field names, except the TLS files under `tls.`.
    const path = ['ca', 'cert', 'key', 'serverName'].includes(field) ? `tls.${field}` : field;
    return (
      <Field id={id} label={label} error={errors[path]} {...(hint && { hint })}>
        <input
          id={id}
          aria-invalid={!!errors[path]}
          placeholder={placeholder}
          value={form[field] as string}
          onChange={(e) => update({ [field]: e.target.value })}
        />
      </Field>
    );
  };

  return (
    <form
      className="card add-engine"
      aria-label="Add an engine"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void run('add');
      }}
    >
      <header>
        <h3>Add an engine</h3>
      </header>
      <Field id="engine-kind" label="Connection" error={errors.kind}>
        <select
          id="engine-kind"
          value={form.kind}
          onChange={(e) => {
            const kind = e.target.value as ProfileKind;
            update({ kind, port: DEFAULT_PORT[kind] ?? '' });
          }}
        >
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <div className="field-row">
        {input('name', 'Name', undefined, 'build-host')}
        {input('id', 'Id', 'Lowercase; from the address when empty.')}
      </div>
      {form.kind === 'socket' &&
        input('path', 'Socket path', 'Empty for /var/run/docker.sock.', '/var/run/docker.sock')}
      {form.kind === 'env' && (
        <p className="field-hint">
          Uses DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH or DOCKER_CONTEXT as the app was
          started with, as the docker CLI reads them.
        </p>
      )}
      {(form.kind === 'tcp' || form.kind === 'ssh') && (
        <>
          <div className="field-row">
            {input(
              'host',
              'Host',
              form.kind === 'ssh' ? 'Or a Host alias of ~/.ssh/config.' : undefined,
              'docker-1.example.org',
            )}
            {input(
              'port',
              'Port',
              form.kind === 'ssh' ? 'Empty: Port of ~/.ssh/config, else 22.' : undefined,
            )}
          </div>
          {input(
            'publishIp',
            'Publish ports on',
            "The engine host's IP the apps' ports open on, and nowhere else; empty: the host's address.",
            '10.0.0.5',
          )}
        </>
      )}
      {form.kind === 'tcp' && (
        <>
          <label className="check">
            <input
              id="engine-tls"
              type="checkbox"
              checked={form.tls}
              onChange={(e) => update({ tls: e.target.checked })}
            />{' '}
            TLS (without it, only on loopback)
          </label>
          {form.tls && (
            <FileGroup>
              {input('ca', 'CA certificate file', undefined, '/etc/docker/certs/ca.pem')}
              {input('cert', 'Client certificate file', undefined, 'cert.pem')}
              {input(
                'key',
                'Client key file',
                'Read by the app; its contents stay there.',
                'key.pem',
              )}
              {input('serverName', 'Server name', 'Empty: the host must be on the certificate.')}
            </FileGroup>
          )}
        </>
      )}
      {form.kind === 'ssh' && (
        <FileGroup>
          {input('user', 'User', 'Empty: User of ~/.ssh/config, else yours.', 'ops')}
          {input(
            'keyFile',
            'Private key file',
            'Tried after the ssh-agent; empty: IdentityFile of ~/.ssh/config, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa.',
            '/home/ops/.ssh/id_ed25519',
          )}
          <Field id="engine-trust" label="Host key">
            <select
              id="engine-trust"
              value={form.trust}
              onChange={(e) => update({ trust: e.target.value as ProfileForm['trust'] })}
            >
              <option value="knownHosts">Checked against known_hosts</option>
              <option value="fingerprint">Pinned fingerprint</option>
            </select>
          </Field>
          {form.trust === 'knownHosts'
            ? input('knownHostsFile', 'known_hosts file', 'Empty for ~/.ssh/known_hosts.')
            : input('fingerprint', 'Fingerprint', 'As ssh-keygen -l prints it.', 'SHA256:…')}
        </FileGroup>
      )}
      {form.kind === 'context' &&
        input('context', 'Context name', 'As docker context ls lists it.')}
      <SwarmFields form={form} errors={errors} update={update} />
      <div className="form-actions">
        <button type="button" disabled={busy !== null} onClick={() => void run('test')}>
          {busy === 'test' ? 'Testing…' : 'Test'}
        </button>
        <button type="submit" className="primary" disabled={busy !== null}>
          {busy === 'add' ? 'Adding…' : 'Add'}
        </button>
      </div>
      {outcome && <OutcomeLine outcome={outcome} />}
    </form>
  );
}

function FileGroup({ children }: { children: ReactNode }) {
  return <div className="file-group">{children}</div>;
}

function OutcomeLine({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'failed')
    return (
      <div className="engine-test-result" data-outcome="error">
        <ErrorNotice error={outcome.error} />
      </div>
    );
  if (outcome.kind === 'added')
    return (
      <div className="engine-test-result ok" data-outcome="added" role="status">
        Added {outcome.name}: it connects in the background and is kept for the next start.
      </div>
    );
  const { probe, mode } = outcome;
  return (
    <div className="engine-test-result ok" data-outcome="ok" role="status">
      <strong>Reached {probe.endpoint}</strong>
      <dl className="summary">
        <dt>Docker</dt>
        <dd className="probe-version">
          {probe.dockerVersion ?? '—'}
          {probe.os ? ` (${probe.os})` : ''}
        </dd>
        <dt>API</dt>
        <dd className="probe-api">{probe.apiVersion ?? '—'}</dd>
        <dt>Latency</dt>
        <dd className="probe-latency">{Math.round(probe.latencyMs * 10) / 10} ms</dd>
        <dt>Swarm</dt>
        <dd className="probe-swarm">{probeSwarmLine(probe.swarm, mode)}</dd>
      </dl>
    </div>
  );
}
