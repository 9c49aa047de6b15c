import { randomInt } from 'node:crypto';
import { escapeForName } from './escape';

const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';

/** How many random lowercase letters end every container name. */
const NAME_SUFFIX_LENGTH = 10;

/**
 * `{realm}-{user}-{mapping_id}`, each part escaped as the seed does; a name
 * is this, `-` and the random suffix. Names are for humans; look-ups use labels only.
 */
export function containerNamePrefix(realm: string, user: string, mappingId: string): string {
  return [escapeForName(realm), escapeForName(user), escapeForName(mappingId)].join('-');
}

export function randomNameSuffix(): string {
  let token = '';
  for (let i = 0; i < NAME_SUFFIX_LENGTH; i++) token += LOWERCASE[randomInt(LOWERCASE.length)];
  return token;
}
