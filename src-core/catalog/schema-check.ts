import type Database from 'better-sqlite3';
import { SIMPHONY_COLUMNS } from './schema';

export type SchemaVerdict =
  | { kind: 'simphony' }
  /** No tables at all: a new database, ready to be given the schema. */
  | { kind: 'empty' }
  | { kind: 'incompatible'; problems: string[] };

function typeFamily(declared: string): string {
  const type = declared.toUpperCase();
  if (type.startsWith('VARCHAR') || type === 'TEXT') return 'VARCHAR';
  return type;
}

/**
 * Whether a database holds simphony-remote's tables with the columns
 * remoteappmanager uses. Extra tables and columns are fine (it ignores
 * them); a missing one, or an older schema (an `accounting` table without
 * `id`), is not.
 */
export function checkSchema(db: Database.Database): SchemaVerdict {
  const tables = new Set(
    (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as Array<{ name: string }>
    ).map((row) => row.name),
  );
  if (tables.size === 0) return { kind: 'empty' };
  const expected = Object.keys(SIMPHONY_COLUMNS);
  if (!expected.some((t) => tables.has(t)))
    return {
      kind: 'incompatible',
      problems: [
        `it has none of simphony-remote's tables (${expected.join(', ')}), only ${[...tables].sort().join(', ')}`,
      ],
    };
  const problems: string[] = [];
  for (const [table, columns] of Object.entries(SIMPHONY_COLUMNS)) {
    if (!tables.has(table)) {
      problems.push(`table "${table}" is missing`);
      continue;
    }
    const actual = new Map(
      (
        db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string; type: string }>
      ).map((c) => [c.name, typeFamily(c.type)]),
    );
    for (const [column, family] of Object.entries(columns)) {
      const type = actual.get(column);
      if (type === undefined) problems.push(`column "${table}.${column}" is missing`);
      else if (type !== family)
        problems.push(`column "${table}.${column}" is ${type || 'untyped'}, expected ${family}`);
    }
  }
  return problems.length ? { kind: 'incompatible', problems } : { kind: 'simphony' };
}
