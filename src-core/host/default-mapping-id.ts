import { createHash } from 'node:crypto';

/**
 * Without a catalog grant, (user, image) is the grant: the same user
 * launching the image again replaces their container, as one mapping id
 * does in simphony-remote, while other users' launches run side by side.
 * 32 hex characters, the shape of the seed's ids.
 */
export function defaultMappingId(user: string, image: string): string {
  return createHash('sha256').update(`${user}\0${image}`).digest('hex').slice(0, 32);
}
