import type { Duplex } from 'node:stream';
import type { AnyAuthMethod, Client, NextAuthHandler } from 'ssh2';
import type { SshNeedView } from '../api/engine-ssh';
import { sshIdentities } from './ssh-identities';
import { hostKeyProblem } from './ssh-host-key';
import type { SshPassphrases } from './ssh-passphrases';
import { routeName, type SshRoute } from './ssh-route';

/** An error of the SSH leg, with a code that docker-error maps to ENGINE_UNREACHABLE. */
export function sshError(message: string, code = 'SSH_FAILED'): Error {
  return Object.assign(new Error(message), { code });
}

export interface HopOptions {
  passphrases: SshPassphrases;
  readyTimeoutMs: number;
  /** The channel through the previous hop; a TCP connection to the route's host when absent. */
  sock?: Duplex;
  /** A pinned `SHA256:` fingerprint instead of known_hosts. */
  fingerprint?: string;
  /** What the operator must answer before this hop can connect, with the host key it is about. */
  onNeed(need: SshNeedView, hostKey?: Buffer): void;
}

export interface Hop {
  client: Client;
  /** `agent` or the key file the server accepted. */
  identity: string;
}

/**
 * One SSH connection of a route, authenticated as ssh does: the host key
 * checked first, then the agent's keys, then each key file that opens, then
 * the encrypted ones, whose passphrase is asked for (`onNeed`) when the
 * others were refused. Rejects with the cause, naming the hop.
 */
export async function connectHop(route: SshRoute, options: HopOptions): Promise<Hop> {
  const where = routeName(route);
  const { offers, locked, looked } = await sshIdentities(route, options.passphrases);
  // Loaded by the first connection (see openKey).
  const { Client } = (await import('ssh2')).default;
  const tried: string[] = [];
  let refusal: { message: string; code: string } | null = null;
  return new Promise<Hop>((resolve, reject) => {
    const client = new Client();
    let ready = false;
    client
      .once('ready', () => {
        ready = true;
        resolve({ client, identity: tried.at(-1)! });
      })
      .on('error', (error: Error & { level?: string; code?: string }) => {
        // A dead agent is skipped, as ssh skips it; the keys come next.
        if (ready || error.level === 'agent') return;
        reject(
          sshError(
            `ssh ${where}: ${refusal?.message ?? error.message}`,
            refusal?.code ?? error.code ?? 'SSH_FAILED',
          ),
        );
        client.end();
      })
      .once('close', () => {
        if (!ready) reject(sshError(`ssh ${where}: connection closed during handshake`));
      });
    client.connect({
      ...(options.sock ? { sock: options.sock } : { host: route.host, port: route.port }),
      username: route.user,
      readyTimeout: options.readyTimeoutMs,
      keepaliveInterval: 15_000,
      hostVerifier: (key: Buffer) => {
        const problem = hostKeyProblem(
          {
            host: route.host,
            port: route.port,
            knownHostsFile: route.knownHostsFile,
            ...(options.fingerprint && { fingerprint: options.fingerprint }),
          },
          key,
        );
        if (!problem) return true;
        refusal = { message: problem.message, code: 'SSH_HOST_KEY' };
        if (problem.need) options.onNeed(problem.need, key);
        return false;
      },
      authHandler: (_left, _partial, next: NextAuthHandler) => {
        const offer = offers.shift();
        if (offer) {
          tried.push(offer.label);
          return next(offer.method);
        }
        const keyFile = locked[0];
        if (keyFile) {
          refusal = {
            message: `the key ${keyFile} is encrypted: its passphrase is needed${tried.length ? ` (refused: ${tried.join(', ')})` : ''}`,
            code: 'SSH_PASSPHRASE',
          };
          options.onNeed({ kind: 'passphrase', keyFile });
        } else
          refusal = {
            message: tried.length
              ? `the server accepted none of: ${tried.join(', ')}`
              : `no identity to offer: ${looked.join('; ')}`,
            code: 'SSH_AUTH',
          };
        // ssh2 ends authentication on `false`, which its types do not list.
        return (next as (method: AnyAuthMethod | false) => void)(false);
      },
    });
  });
}
