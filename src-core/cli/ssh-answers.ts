import type { ContractClient } from '../api/client';
import type { SshNeedView } from '../api/engine-ssh';
import type { EngineStatusView } from '../api/engines';
import type { CliIo } from './cli-io';

/** As ssh gives up on a passphrase. */
const TRIES = 3;
/** One connection attempt after an answer, jump hosts and all. */
const ATTEMPT_MS = 20_000;

type HostKeyNeed = Exclude<SshNeedView, { kind: 'passphrase' }>;

const say = (io: CliIo, engine: EngineStatusView, text: string) =>
  io.err(`remoteapp-admin: engine ${engine.id} (${engine.endpoint}): ${text}`);

/**
 * The engine's status once it no longer waits for this key: connected, or
 * stopped by something else. An attempt that began before the answer may
 * still fail for want of it: that one is not the answer's.
 */
function unlocked(client: ContractClient, id: string, keyFile: string): Promise<unknown> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(null), ATTEMPT_MS);
    const stop = client.on('engines.changed', (status) => {
      const need = status.ssh?.needs;
      if (status.id !== id || status.state === 'connecting') return;
      if (status.state === 'connected' || need?.kind !== 'passphrase' || need.keyFile !== keyFile)
        finish(status);
    });
    function finish(status: EngineStatusView | null) {
      clearTimeout(timer);
      stop();
      resolve(status);
    }
  });
}

/** Asks for a key's passphrase on the terminal until it opens the key, as ssh asks. */
async function unlock(
  client: ContractClient,
  io: CliIo,
  engine: EngineStatusView,
  keyFile: string,
): Promise<void> {
  const ask = io.askSecret;
  if (!ask) {
    say(
      io,
      engine,
      `the key ${keyFile} is encrypted and there is no terminal to ask its passphrase on: run the command on a terminal, or add the key to ssh-agent (ssh-add ${keyFile})`,
    );
    return;
  }
  for (let tried = 0; tried < TRIES; tried++) {
    const passphrase = await ask(`Enter passphrase for key '${keyFile}': `);
    if (!passphrase) return;
    const next = unlocked(client, engine.id, keyFile);
    try {
      await client.call('engines.passphrase', { engine: engine.id, keyFile, passphrase });
    } catch (error) {
      io.err(`remoteapp-admin: ${(error as Error).message}`);
      continue;
    }
    await next;
    return;
  }
}

/** ssh-keyscan's `-t` for a key type: `ssh-ed25519` is ed25519, `ecdsa-sha2-nistp256` ecdsa. */
function scanType(keyType: string): string {
  return keyType.startsWith('ecdsa') ? 'ecdsa' : keyType.replace(/^ssh-/, '');
}

/** What to run to see the key for oneself, and to trust it once checked. */
function hostKeyAdvice(io: CliIo, engine: EngineStatusView, need: HostKeyNeed): void {
  const [, bracketed, port] = /^\[(.*)\]:(\d+)$/.exec(need.host) ?? [];
  const scan = `ssh-keyscan ${port ? `-p ${port} ` : ''}-t ${scanType(need.keyType)} ${bracketed ?? need.host}`;
  if (need.kind === 'changedHostKey') {
    say(
      io,
      engine,
      `the host key of ${need.host} CHANGED: it presents ${need.keyType} ${need.fingerprint}, ${need.knownHostsFile} has ${need.knownFingerprints.join(', ')}. Refused: someone may be in the middle. Ask the host's administrator; see what it presents with: ${scan} | ssh-keygen -lf -`,
    );
    return;
  }
  say(
    io,
    engine,
    `host ${need.host} is unknown: its ${need.keyType} key is ${need.fingerprint}. Check it (${scan} | ssh-keygen -lf -, and on the host: ssh-keygen -lf /etc/ssh/ssh_host_${scanType(need.keyType)}_key.pub), then trust it: ${scan} >> ${need.knownHostsFile}`,
  );
}

/**
 * Before a command runs: an SSH engine that waits for the passphrase of a
 * key is asked for it on the terminal (without a terminal, the key is
 * named and the command goes on without that engine); one refused an
 * unknown or changed host key is shown with the fingerprints and the
 * ssh-keyscan line to check them. The command line trusts no key itself.
 */
export async function answerSsh(client: ContractClient, io: CliIo): Promise<void> {
  const asked = new Set<string>();
  // A jump host's key, then the engine's: each answer may lead to the next question.
  for (;;) {
    const { engines } = await client.call('engines.list', {});
    const waiting = engines.find(
      (e) => e.ssh?.needs?.kind === 'passphrase' && !asked.has(`${e.id} ${e.ssh.needs.keyFile}`),
    );
    if (!waiting) {
      for (const engine of engines) {
        const need = engine.ssh?.needs;
        if (need && need.kind !== 'passphrase') hostKeyAdvice(io, engine, need);
      }
      return;
    }
    const keyFile = (waiting.ssh!.needs as { keyFile: string }).keyFile;
    asked.add(`${waiting.id} ${keyFile}`);
    await unlock(client, io, waiting, keyFile);
  }
}
