import { useState } from 'react';
import type { SshNeedView } from '../../../src-core/api/engine-ssh';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { ErrorNotice } from '../../components/error-notice';
import { useServices } from '../../context/app-context';

/**
 * What an SSH engine waits for, and the operator's answer: the passphrase
 * of an encrypted key (sent once, kept by the core for this run only), or an
 * unknown host key to check and trust. A changed host key is shown with
 * both fingerprints and no way to accept it.
 */
export function SshNeedPanel({ engine, need }: { engine: string; need: SshNeedView }) {
  const { contract } = useServices();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);

  async function answer(call: () => Promise<unknown>) {
    setBusy(true);
    try {
      await call();
      setError(null);
    } catch (failure) {
      setError(errorPayloadOf(failure));
    } finally {
      // Not kept in the window either, right or wrong.
      setPassphrase('');
      setBusy(false);
    }
  }

  if (need.kind === 'passphrase')
    return (
      <form
        className="ssh-need ssh-passphrase"
        onSubmit={(e) => {
          e.preventDefault();
          const keyFile = need.keyFile;
          void answer(() => contract.call('engines.passphrase', { engine, keyFile, passphrase }));
        }}
      >
        <label htmlFor={`passphrase-${engine}`}>
          The key <code>{need.keyFile}</code> is encrypted: its passphrase
        </label>
        <div className="ssh-need-row">
          <input
            id={`passphrase-${engine}`}
            type="password"
            autoComplete="off"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <button type="submit" className="primary" disabled={busy || passphrase === ''}>
            Unlock
          </button>
        </div>
        <p className="muted small">Kept in memory until the app stops; never written.</p>
        {error && <ErrorNotice error={error} compact />}
      </form>
    );

  if (need.kind === 'unknownHostKey')
    return (
      <div className="ssh-need ssh-unknown-key">
        <p>
          Unknown host <code>{need.host}</code>: its {need.keyType} key is{' '}
          <code className="fingerprint">{need.fingerprint}</code>. Check it with the host's
          administrator (on the host: <code>ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub</code>).
        </p>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() =>
            void answer(() =>
              contract.call('engines.trustHostKey', { engine, fingerprint: need.fingerprint }),
            )
          }
        >
          Trust this key
        </button>
        <p className="muted small">Adds it to {need.knownHostsFile}, as ssh does.</p>
        {error && <ErrorNotice error={error} compact />}
      </div>
    );

  return (
    <div className="ssh-need ssh-changed-key" role="alert">
      <p>
        The host key of <code>{need.host}</code> changed: it presents{' '}
        <code className="fingerprint presented">{need.fingerprint}</code>, {need.knownHostsFile} has{' '}
        {need.knownFingerprints.map((fingerprint, i) => (
          <span key={fingerprint}>
            {i > 0 && ', '}
            <code className="fingerprint known">{fingerprint}</code>
          </span>
        ))}
        .
      </p>
      <p className="muted small">
        Refused, as ssh refuses it: someone may be in the middle. If the host's administrator
        confirms the new key, remove the old one (<code>ssh-keygen -R</code>) and check again.
      </p>
    </div>
  );
}
