import { randomInt } from 'node:crypto';
import { escapeForName } from './escape';

const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';

/**
 * `{realm}-{user}-{mapping_id}-{10 random lowercase letters}`, each part
 * escaped as the seed does. Names are for humans; look-ups use labels only.
 */
export function containerName(realm: string, user: string, mappingId: string): string {
  let token = '';
  for (let i = 0; i < 10; i++) token += LOWERCASE[randomInt(LOWERCASE.length)];
  return [escapeForName(realm), escapeForName(user), escapeForName(mappingId), token].join('-');
}
