import { existsSync, readFileSync } from 'node:fs';
import type { AnyAuthMethod } from 'ssh2';
import { openKey, type SshPassphrases } from './ssh-passphrases';
import type { SshRoute } from './ssh-route';

/** One identity to offer: `agent` or a key file path, and how ssh2 offers it. */
export interface SshOffer {
  label: string;
  method: AnyAuthMethod;
}

export interface SshIdentities {
  /** In ssh's order: the agent's keys, then each key file that opens. */
  offers: SshOffer[];
  /** Encrypted key files whose passphrase is not known: asked for, in order, when the others fail. */
  locked: string[];
  /** Why nothing was offered, when nothing was: what was looked for. */
  looked: string[];
}

/** What a route can offer now, read afresh at each connection (a key may have been added or unlocked). */
export async function sshIdentities(
  route: SshRoute,
  passphrases: SshPassphrases,
): Promise<SshIdentities> {
  const username = route.user;
  const offers: SshOffer[] = [];
  const locked: string[] = [];
  const looked: string[] = [];
  if (route.agent && existsSync(route.agent))
    offers.push({ label: 'agent', method: { type: 'agent', username, agent: route.agent } });
  else looked.push(route.agent ? `no ssh-agent at ${route.agent}` : 'no ssh-agent');
  for (const file of route.keyFiles) {
    let text: Buffer;
    try {
      text = readFileSync(file);
    } catch {
      // ssh goes on without an IdentityFile that is not there.
      looked.push(`no key file ${file}`);
      continue;
    }
    const opened = await openKey(text, passphrases.get(file));
    if ('key' in opened)
      offers.push({ label: file, method: { type: 'publickey', username, key: opened.key } });
    else if ('locked' in opened) locked.push(file);
    else looked.push(`${file}: ${opened.unusable}`);
  }
  if (!route.keyFiles.length)
    looked.push('no IdentityFile, nor ~/.ssh/id_ed25519, id_ecdsa, id_rsa');
  return { offers, locked, looked };
}
