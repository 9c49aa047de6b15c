import type { EngineSshView } from '../../../src-core/api/engine-ssh';

const named = (identity: string) => (identity === 'agent' ? 'ssh-agent' : identity);

/**
 * How an SSH engine's address resolved, as ssh resolves it for the docker
 * CLI: the host behind an alias of ~/.ssh/config, the port, the user, the
 * key or agent (the one accepted, else those it offers), the jump hosts.
 */
export function SshRouteRows({ ssh }: { ssh: EngineSshView }) {
  return (
    <>
      {ssh.alias && (
        <>
          <dt>Alias</dt>
          <dd>
            <code className="ssh-alias">{ssh.alias}</code> in ~/.ssh/config
          </dd>
        </>
      )}
      <dt>SSH to</dt>
      <dd>
        <code className="ssh-target">
          {ssh.user}@{ssh.host}:{ssh.port}
        </code>
      </dd>
      <dt>{ssh.identity ? 'Signed in with' : 'Offers'}</dt>
      <dd className="ssh-identity">
        {ssh.identity
          ? named(ssh.identity)
          : ssh.identities.length
            ? ssh.identities.map(named).join(', ')
            : 'no agent and no key file'}
      </dd>
      {ssh.jump && (
        <>
          <dt>Through</dt>
          <dd>
            <code className="ssh-jump">{ssh.jump.join(' → ')}</code>
          </dd>
        </>
      )}
    </>
  );
}
