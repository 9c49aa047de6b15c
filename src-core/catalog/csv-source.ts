import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CoreError } from '../api/errors';
import { Catalog, type GrantInput } from './catalog';
import { readGrantsCsv } from './csv-grants';
import { openMemoryDatabase } from './open-database';
import { policyKey } from './policy';

/**
 * A grant's id derived from what it grants, so that it stays the same each
 * time the file is read. The seed gave CSV grants a new uuid4 on every
 * load, which cut running containers off from their grant after a restart.
 */
function stableGrantId(input: GrantInput): string {
  return createHash('md5')
    .update(JSON.stringify([input.user, input.image, policyKey(input.policy)]))
    .digest('hex');
}

/**
 * A read-only catalog over a CSV file in simphony-remote's format, as
 * remoteappmanager's CSVDatabase: listed, searched and launched from, never
 * changed (edit the file, or import it into a database).
 */
export function openCsvCatalog(path: string): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CoreError('VALIDATION', `${path} cannot be read: ${(error as Error).message}`, {
      field: 'path',
      reason: 'unreadable',
    });
  }
  const grants = readGrantsCsv(text);
  const db = openMemoryDatabase();
  new Catalog(db, { source: path }).importGrants(grants, stableGrantId);
  return new Catalog(db, { source: path, readOnly: true });
}
