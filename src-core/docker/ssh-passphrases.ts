import { readFileSync } from 'node:fs';
import type { ParsedKey } from 'ssh2';
import { CoreError } from '../api/errors';

/** A private key file opened with a passphrase (or none), or why it cannot be. */
export type OpenedKey = { key: ParsedKey } | { locked: true } | { unusable: string };

/** ssh2's words for an encrypted key without a passphrase, and for a wrong one. */
const LOCKED = /no passphrase given|bad passphrase|integrity check failed|decrypt/i;

/**
 * Opens a key file's text; `locked` when it is encrypted and `passphrase`
 * does not open it. ssh2 is loaded here, by the first key: most runs of the
 * command line reach no SSH engine, and loading it takes longer than they do.
 */
export async function openKey(text: Buffer, passphrase?: string): Promise<OpenedKey> {
  // Node's ESM loader sees ssh2's Client but not its utils among the named exports.
  const { utils } = (await import('ssh2')).default;
  const parsed = utils.parseKey(text, passphrase);
  if (parsed instanceof Error)
    return LOCKED.test(parsed.message) ? { locked: true } : { unusable: parsed.message };
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key?.isPrivateKey()) return { unusable: 'not a private key' };
  return { key };
}

/**
 * The passphrases of encrypted keys that the operator gave during this run,
 * by key file: in memory only, never written, never sent back, gone when
 * the core stops. One passphrase opens that key for every engine that uses it.
 */
export class SshPassphrases {
  private readonly byKey = new Map<string, string>();

  get(keyFile: string): string | undefined {
    return this.byKey.get(keyFile);
  }

  /** Keeps a passphrase once it opens the key; VALIDATION on `passphrase` when it does not. */
  async give(keyFile: string, passphrase: string): Promise<void> {
    let text: Buffer;
    try {
      text = readFileSync(keyFile);
    } catch (error) {
      throw CoreError.validation(
        'keyFile',
        `cannot read "${keyFile}": ${(error as Error).message}`,
      );
    }
    if (!('key' in (await openKey(text, passphrase))))
      throw CoreError.validation('passphrase', `does not open the key ${keyFile}`);
    this.byKey.set(keyFile, passphrase);
  }
}
