import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CoreError, isCoreError } from '../api/errors';
import type { Placement } from '../realm/placement';
import { placementValues, type Grant } from './catalog-rows';
import type { GrantInput } from './catalog';
import { validateImageName, validateUserName } from './names';
import { policyKey, validatePolicy, type PolicyVolume } from './policy';

/** The columns remoteappmanager's CSV database requires (`remoteappmanager/db/csv_db.py`). */
const CSV_COLUMNS = [
  'user.name',
  'application.image',
  'policy.app_license',
  'policy.allow_home',
  'policy.allow_view',
  'policy.allow_common',
  'policy.volume_source',
  'policy.volume_target',
  'policy.volume_mode',
] as const;

/**
 * Newer remoteappmanager releases also require this one, older ones lack
 * it: read when present (absent means 0), always written (extra columns are
 * ignored by every release).
 */
const STARTUP_DATA_COLUMN = 'policy.allow_startup_data';

/**
 * Our own, which remoteappmanager ignores: a policy's placement, read when
 * present and written when a grant has one. Constraints are separated by
 * ";", which none can contain.
 */
const PLACEMENT_COLUMNS = ['policy.cpus', 'policy.memory_bytes', 'policy.constraints'] as const;
const CONSTRAINT_SEPARATOR = ';';

type Column =
  (typeof CSV_COLUMNS)[number] | typeof STARTUP_DATA_COLUMN | (typeof PLACEMENT_COLUMNS)[number];

export interface CsvProblem {
  /** The file's line the record starts on; the header is row 1. */
  row: number;
  column: string;
  reason: string;
}

const MAX_REPORTED = 50;

/** Where validatePolicy's fields live in the CSV. */
const POLICY_FIELD_COLUMNS: Record<string, Column> = {
  'policy.appLicense': 'policy.app_license',
  'policy.allowCommon': 'policy.allow_common',
  'policy.volume': 'policy.volume_source',
  'policy.volume.source': 'policy.volume_source',
  'policy.volume.target': 'policy.volume_target',
  'policy.volume.mode': 'policy.volume_mode',
  'policy.cpus': 'policy.cpus',
  'policy.memoryBytes': 'policy.memory_bytes',
  'policy.constraints': 'policy.constraints',
};

function refusal(problems: CsvProblem[]): CoreError {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
  return new CoreError(
    'VALIDATION',
    `row ${first!.row}, column ${first!.column}: ${first!.reason}${more}`,
    {
      field: first!.column,
      reason: first!.reason,
      row: first!.row,
      column: first!.column,
      problems: problems.slice(0, MAX_REPORTED),
    },
  );
}

interface CsvRecord {
  /** The line the record starts on (the row a spreadsheet shows), so that errors can name it. */
  line: number;
  fields: string[];
}

/**
 * Reads CSV close to Python's `csv` module (remoteappmanager's reader):
 * CRLF, LF or CR end a record, even mixed; a quote inside an unquoted field
 * is kept; rows may differ in length (checked per column below); a
 * byte-order mark is dropped; blank lines are skipped. Unlike Python, text
 * after a closing quote keeps its quotes (`"ab"cd`). Lines are counted here:
 * csv-parse's info gives the line a record ends on, and counts a CRLF inside
 * quotes as two.
 */
function readRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  try {
    parse(text, {
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_quotes: true,
      relax_column_count: true,
      on_record: (fields: string[]) => {
        if (fields.length > 1 || fields[0] !== '') records.push({ line, fields });
        // The record's own line end, plus each line break inside its quoted values.
        line += fields.join('').split('\n').length;
        return null;
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code !== 'CSV_QUOTE_NOT_CLOSED') throw error;
    throw new CoreError('VALIDATION', `row ${line}: a quoted field is never closed`, {
      field: `row ${line}`,
      reason: 'unclosed quote',
      row: line,
    });
  }
  return records;
}

function flag(value: string): boolean | undefined {
  if (value === '1') return true;
  if (value === '0' || value === '') return false;
  return undefined;
}

/**
 * Reads grants from simphony-remote's CSV format, checking every row: any
 * problem (a missing header, a bad value, a duplicate grant) refuses the
 * whole file with VALIDATION naming the row and column of each.
 */
export function readGrantsCsv(text: string): GrantInput[] {
  const records = readRecords(text);
  const header = records[0];
  if (!header) throw refusal([{ row: 1, column: CSV_COLUMNS[0], reason: 'the file is empty' }]);
  const index = new Map<string, number>();
  header.fields.forEach((name, i) => {
    if (!index.has(name.trim())) index.set(name.trim(), i);
  });
  const missing = CSV_COLUMNS.filter((c) => !index.has(c));
  if (missing.length)
    throw refusal(
      missing.map((column) => ({ row: header.line, column, reason: 'this header is missing' })),
    );

  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  const grants: GrantInput[] = [];
  for (const { line, fields } of records.slice(1)) {
    const problem = (column: Column, reason: string) =>
      problems.push({ row: line, column, reason });
    const cell = (column: Column) => {
      const i = index.get(column);
      return i === undefined ? '' : fields[i];
    };
    const shortAt = [...CSV_COLUMNS].find((c) => cell(c) === undefined);
    if (shortAt) {
      problem(shortAt, `is missing: the row has ${fields.length} fields`);
      continue;
    }
    const at = problems.length;
    const checked = <T>(column: Column | undefined, check: () => T): T | undefined => {
      try {
        return check();
      } catch (error) {
        if (!isCoreError(error, 'VALIDATION')) throw error;
        // A constraint's field names its place in the list: `policy.constraints[1]`.
        const [, field, index] = /^(.*?)(?:\[(\d+)\])?$/.exec(String(error.details.field))!;
        const reason = String(error.details.reason);
        problem(
          column ?? POLICY_FIELD_COLUMNS[field!] ?? 'policy.allow_common',
          index === undefined ? reason : `constraint ${Number(index) + 1} ${reason}`,
        );
        return undefined;
      }
    };
    const user = checked('user.name', () => validateUserName(cell('user.name')));
    const image = checked('application.image', () => validateImageName(cell('application.image')));
    const flags = {} as Record<string, boolean>;
    for (const column of [
      'policy.allow_home',
      'policy.allow_view',
      'policy.allow_common',
      STARTUP_DATA_COLUMN,
    ] as const) {
      const value = flag(cell(column) ?? '');
      if (value === undefined) problem(column, `must be 0 or 1 (got "${cell(column)}")`);
      else flags[column] = value;
    }
    const source = cell('policy.volume_source')!;
    const target = cell('policy.volume_target')!;
    const mode = cell('policy.volume_mode')!;
    if (mode !== '' && mode !== 'ro' && mode !== 'rw')
      problem('policy.volume_mode', `must be "ro", "rw" or empty (got "${mode}")`);
    let volume: PolicyVolume | null = null;
    const parts = { 'policy.volume_source': source, 'policy.volume_target': target };
    if (source || target || mode) {
      for (const [column, value] of Object.entries(parts))
        if (!value) problem(column as Column, 'is needed with the other volume columns');
      if (!mode) problem('policy.volume_mode', 'is needed with the other volume columns');
      volume = { source, target, mode: mode as PolicyVolume['mode'] };
    }
    if (problems.length > at) continue;

    const policy = checked(undefined, () =>
      validatePolicy(
        {
          appLicense: cell('policy.app_license') || null,
          allowHome: flags['policy.allow_home']!,
          allowView: flags['policy.allow_view']!,
          allowCommon: flags['policy.allow_common']!,
          volume,
          allowStartupData: flags[STARTUP_DATA_COLUMN]!,
          ...placementCells(cell),
        },
        'policy',
      ),
    );
    if (!policy || user === undefined || image === undefined) continue;
    const key = JSON.stringify([user, image, policyKey(policy)]);
    const first = seen.get(key);
    if (first !== undefined) {
      problem('user.name', `duplicates the grant of row ${first} (same user, application, policy)`);
      continue;
    }
    seen.set(key, line);
    grants.push({ user, image, policy });
  }
  if (problems.length) throw refusal(problems);
  return grants;
}

/** The placement columns' cells as validatePolicy takes them: empty is unset, a number as typed. */
function placementCells(cell: (column: Column) => string | undefined): Placement {
  const number = (column: Column) => {
    const value = cell(column)?.trim();
    return value ? Number(value) : undefined;
  };
  const constraints = cell('policy.constraints')?.trim();
  return {
    cpus: number('policy.cpus'),
    memoryBytes: number('policy.memory_bytes'),
    constraints: constraints ? constraints.split(CONSTRAINT_SEPARATOR).map((c) => c.trim()) : [],
  };
}

const bit = (value: boolean) => (value ? '1' : '0');

/**
 * Writes grants in simphony-remote's CSV format, readable by remoteappmanager's
 * CSVDatabase: csv-stringify's defaults quote as csv.writer does (only a
 * value with a comma, quote or line break) and end each line with LF.
 */
export function writeGrantsCsv(grants: Grant[]): string {
  const placed = grants.some(({ policy: p }) => placementValues(p).some((v) => v !== null));
  return stringify([
    [...CSV_COLUMNS, STARTUP_DATA_COLUMN, ...(placed ? PLACEMENT_COLUMNS : [])],
    ...grants.map(({ user, application, policy }) => [
      user.name,
      application.image,
      policy.appLicense ?? '',
      bit(policy.allowHome),
      bit(policy.allowView),
      bit(policy.allowCommon),
      policy.volume?.source ?? '',
      policy.volume?.target ?? '',
      policy.volume?.mode ?? '',
      bit(policy.allowStartupData),
      ...(placed
        ? [
            policy.cpus ?? '',
            policy.memoryBytes ?? '',
            (policy.constraints ?? []).join(CONSTRAINT_SEPARATOR),
          ]
        : []),
    ]),
  ]);
}
