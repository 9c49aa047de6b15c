import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src-core/catalog/catalog';
import type { Grant } from '../../src-core/catalog/catalog-rows';
import { readGrantsCsv, writeGrantsCsv } from '../../src-core/catalog/csv-grants';
import { openCsvCatalog } from '../../src-core/catalog/csv-source';
import { ORM_CSV, scratch } from './catalog-files';

const files = scratch();
afterAll(() => files.remove());
const realCsv = readFileSync(ORM_CSV, 'utf8');
const HEADER = realCsv.split('\n')[0]!;

/** The grants a CSV text says, in a comparable form. */
function grantsOf(text: string) {
  return readGrantsCsv(text)
    .map((g) => JSON.stringify(g))
    .sort();
}

function refusal(text: string) {
  try {
    readGrantsCsv(text);
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected the CSV to be refused');
}

describe("simphony-remote's CSV format", () => {
  it('imports the real CSV into a new database and exports the same grants', () => {
    const catalog = Catalog.openFile(files.path('from-csv.db'));
    const summary = catalog.importGrants(readGrantsCsv(realCsv));
    expect(summary).toEqual({
      grantsAdded: 5,
      grantsExisting: 0,
      usersAdded: 4,
      applicationsAdded: 2,
      policiesAdded: 2,
    });
    const exported = writeGrantsCsv(catalog.listGrants());
    catalog.close();
    expect(grantsOf(exported)).toEqual(grantsOf(realCsv));
    expect(grantsOf(exported)).toHaveLength(5);
    // The same rows as the original file, plus the newer allow_startup_data column.
    const rows = (text: string) => text.trim().split('\n').slice(1).sort();
    expect(rows(exported)).toEqual(rows(realCsv).map((row) => `${row},0`));
  });

  it('imports the same file twice without duplicating anything', () => {
    const catalog = Catalog.openFile(files.path('twice.db'));
    catalog.importGrants(readGrantsCsv(realCsv));
    const ids = catalog.listGrants().map((g) => g.id);
    expect(catalog.importGrants(readGrantsCsv(realCsv))).toMatchObject({
      grantsAdded: 0,
      grantsExisting: 5,
    });
    expect(catalog.listGrants().map((g) => g.id)).toEqual(ids);
    catalog.close();
  });

  it('keeps commas, quotes and line breaks in values through export and import', () => {
    const catalog = Catalog.openFile(files.path('quoting.db'));
    catalog.addUser('Smith, "Jo"');
    catalog.addApplication('app/x:1');
    catalog.addGrant({
      user: 'Smith, "Jo"',
      image: 'app/x:1',
      policy: {
        appLicense: 'line one\nline "two", end',
        allowHome: false,
        allowView: false,
        allowCommon: false,
        volume: null,
        allowStartupData: true,
      },
    });
    const text = writeGrantsCsv(catalog.listGrants());
    catalog.close();
    expect(readGrantsCsv(text)).toEqual([
      {
        user: 'Smith, "Jo"',
        image: 'app/x:1',
        policy: expect.objectContaining({
          appLicense: 'line one\nline "two", end',
          allowStartupData: true,
        }),
      },
    ]);
  });

  it("carries policies' placement in columns of its own, written only when a grant has one", () => {
    const catalog = Catalog.openFile(files.path('placement.db'));
    catalog.importGrants(readGrantsCsv(realCsv));
    const [{ policy: plain }] = catalog.listGrants({ user: 'alice' }) as [Grant];
    catalog.addGrant({
      user: 'alice',
      image: 'simphony/labeled-app:1.0',
      policy: {
        ...plain,
        cpus: 1.5,
        memoryBytes: 512 * 1024 ** 2,
        constraints: ['node.role==worker', 'node.labels.zone==a'],
      },
    });
    const text = writeGrantsCsv(catalog.listGrants({ user: 'alice' }));
    catalog.close();
    expect(text).toBe(
      `${HEADER},policy.allow_startup_data,policy.cpus,policy.memory_bytes,policy.constraints\n` +
        'alice,simphony/labeled-app:1.0,,1,1,0,,,,0,,,\n' +
        'alice,simphony/labeled-app:1.0,,1,1,0,,,,0,1.5,536870912,node.role==worker;node.labels.zone==a\n',
    );

    // Read back, the two grants differ by placement alone: two policies, two grants.
    const again = Catalog.openFile(files.path('placement-again.db'));
    expect(again.importGrants(readGrantsCsv(text))).toMatchObject({
      grantsAdded: 2,
      policiesAdded: 2,
    });
    expect(again.listGrants().map((g) => g.policy.constraints ?? [])).toEqual([
      [],
      ['node.role==worker', 'node.labels.zone==a'],
    ]);
    again.close();
  });

  it('refuses a bad placement cell, naming its row and column (and which constraint)', () => {
    const header = `${HEADER},policy.allow_startup_data,policy.cpus,policy.memory_bytes,policy.constraints`;
    const text = [
      header,
      'alice,app/x:1,,1,1,0,,,,0,two,,',
      'bob,app/x:1,,1,1,0,,,,0,,64m,',
      'carol,app/x:1,,1,1,0,,,,0,,,node.role==worker;zone=a',
    ].join('\n');
    expect(refusal(text).details.problems).toEqual([
      { row: 2, column: 'policy.cpus', reason: 'must be a number' },
      { row: 3, column: 'policy.memory_bytes', reason: 'must be a number' },
      {
        row: 4,
        column: 'policy.constraints',
        reason:
          'constraint 2 is not a placement constraint such as node.labels.zone==a or node.role!=manager',
      },
    ]);
  });

  it('refuses a missing header, naming the column on row 1', () => {
    const text = realCsv.replace(',policy.volume_mode', '').replace(/,ro$/gm, '');
    expect(refusal(text)).toMatchObject({
      code: 'VALIDATION',
      message: 'row 1, column policy.volume_mode: this header is missing',
      details: { row: 1, column: 'policy.volume_mode' },
    });
  });

  it('refuses a bad volume_mode, naming its row and column', () => {
    const text = realCsv.replace(',/data,ro\n', ',/data,rx\n');
    expect(refusal(text)).toMatchObject({
      code: 'VALIDATION',
      message: 'row 3, column policy.volume_mode: must be "ro", "rw" or empty (got "rx")',
      details: { row: 3, column: 'policy.volume_mode' },
    });
  });

  it('refuses a duplicate grant, naming both rows', () => {
    const text = `${realCsv}alice,simphony/labeled-app:1.0,,1,1,0,,,\n`;
    expect(refusal(text)).toMatchObject({
      message:
        'row 7, column user.name: duplicates the grant of row 4 (same user, application, policy)',
      details: { row: 7, column: 'user.name' },
    });
  });

  it('reports every bad cell at once, each with row and column', () => {
    const text = [
      HEADER,
      'alice,simphony/testapp:latest,,yes,1,0,,,',
      ',simphony/testapp:latest,,1,1,0,,,',
      'bob,simphony/testapp:latest,,0,0,1,relative/path,/data,ro',
      'carol,simphony/testapp:latest,,0,0,1,/srv,,ro',
      'dave,simphony/testapp:latest,,0,0',
    ].join('\n');
    expect(refusal(text).details.problems).toEqual([
      { row: 2, column: 'policy.allow_home', reason: 'must be 0 or 1 (got "yes")' },
      { row: 3, column: 'user.name', reason: 'must be a non-empty name' },
      {
        row: 4,
        column: 'policy.volume_source',
        reason: 'must be an absolute path (got "relative/path")',
      },
      { row: 5, column: 'policy.volume_target', reason: 'is needed with the other volume columns' },
      { row: 6, column: 'policy.allow_common', reason: 'is missing: the row has 5 fields' },
    ]);
  });

  it('writes as csv.writer does: a header, LF line ends, quotes only where needed', () => {
    const policy = {
      id: 1,
      appLicense: 'line one\nline "two", end',
      allowHome: true,
      allowView: false,
      allowCommon: true,
      volume: { source: '/srv/a b', target: '/data', mode: 'ro' as const },
      allowStartupData: false,
    };
    const text = writeGrantsCsv([
      {
        id: 'g',
        user: { id: 1, name: 'Smith, "Jo"' },
        application: { id: 1, image: 'app/x:1' },
        policy,
      },
    ]);
    expect(text).toBe(
      `${HEADER},policy.allow_startup_data\n` +
        '"Smith, ""Jo""",app/x:1,"line one\nline ""two"", end",1,0,1,/srv/a b,/data,ro,0\n',
    );
  });

  it('reads any line end, a byte-order mark, blank lines and values over several lines', () => {
    const rows = [
      `\ufeff${HEADER}\r\n`,
      'alice,simphony/testapp:latest,"key\r\non ""two"" lines",1,1,0,,,\r\n',
      '\n',
      'bob,simphony/testapp:latest,,1,1,0,,,\r',
      'carol,simphony/testapp:latest,5" disk,1,1,0,,,\n',
    ];
    expect(readGrantsCsv(rows.join('')).map((g) => [g.user, g.policy.appLicense])).toEqual([
      ['alice', 'key\r\non "two" lines'],
      ['bob', null],
      ['carol', '5" disk'],
    ]);
    // The row named is the line a record starts on, counting blank lines and line breaks in values.
    const bad = rows.join('').replace('5" disk,1,1', ',1,yes');
    expect(refusal(bad).details.problems).toEqual([
      { row: 6, column: 'policy.allow_view', reason: 'must be 0 or 1 (got "yes")' },
    ]);
  });

  it('refuses a quoted value never closed, naming the line its row starts on', () => {
    const text = [
      HEADER,
      'alice,simphony/testapp:latest,"key on\ntwo lines",1,1,0,,,',
      'bob,simphony/testapp:latest,"key,1,1,0,,,',
      'carol,simphony/testapp:latest,,1,1,0,,,',
    ].join('\n');
    expect(refusal(text)).toMatchObject({
      code: 'VALIDATION',
      message: 'row 4: a quoted field is never closed',
      details: { row: 4, reason: 'unclosed quote' },
    });
  });

  it('leaves the database unchanged when a file is refused', () => {
    const path = files.ormCopy();
    const catalog = Catalog.openFile(path);
    const before = readFileSync(path);
    const grants = catalog.listGrants();
    const bad = `${realCsv}zed,simphony/testapp:latest,,1,1,0,/a,/b,xx\n`;
    expect(() => catalog.importGrants(readGrantsCsv(bad))).toThrow(
      /row 7, column policy.volume_mode/,
    );
    expect(catalog.listGrants()).toEqual(grants);
    expect(catalog.listUsers().map((u) => u.name)).not.toContain('zed');
    catalog.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('serves a CSV file as a read-only catalog with ids that stay the same across loads', () => {
    const first = openCsvCatalog(ORM_CSV);
    const second = openCsvCatalog(ORM_CSV);
    expect(first.readOnly).toBe(true);
    const ids = first.listGrants().map((g) => g.id);
    expect(ids).toHaveLength(5);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(second.listGrants().map((g) => g.id)).toEqual(ids);
    expect(first.listGrants({ user: 'ümlaut-user' })[0]!.policy).toMatchObject({
      appLicense: 'LICENSE-KEY-123',
      volume: { source: '/srv/shared-data', target: '/data', mode: 'ro' },
    });
    expect(() => first.addUser('someone')).toThrow(/read-only catalog/);
    expect(() => first.removeGrant(ids[0]!)).toThrow(/read-only catalog/);
    expect(first.listGrants()).toHaveLength(5);
  });
});
