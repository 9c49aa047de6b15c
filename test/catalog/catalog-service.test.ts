import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src-core/catalog/catalog';
import { CatalogService, type CatalogChange } from '../../src-core/catalog/catalog-service';
import { Launcher } from '../../src-core/engines/launcher';
import { IMAGES } from '../support/fixture-images';
import { oneEngineOf } from '../support/one-engine';
import { testRealm } from '../support/test-realm';
import { ORM_CSV, scratch } from './catalog-files';

const t = testRealm('audit');
const files = scratch();
afterAll(async () => {
  await t.cleanup();
  files.remove();
});

let clock = Date.parse('2026-11-29T08:00:00Z');
function service(home = Catalog.openFile(files.path(`home-${clock}.db`))) {
  return new CatalogService({
    home,
    actor: 'operator1',
    manager: (engine) => {
      if (engine !== 'local') throw new Error(`no engine ${engine}`);
      return t.manager();
    },
    launcher: new Launcher({
      reserveEngines: (choice, launches) => {
        if (choice !== 'local') throw new Error(`no engine ${choice}`);
        return oneEngineOf(t.manager()).reserveEngines(choice, launches);
      },
      manager: () => t.manager(),
    }),
    now: () => new Date((clock += 1000)),
  });
}

const plain = {
  appLicense: null,
  allowHome: false,
  allowView: true,
  allowCommon: false,
  volume: null,
  allowStartupData: false,
};

describe('the catalog service and its audit log', () => {
  it('records every operator action with when, who, what, engine and result', async () => {
    const s = service();
    const changes: CatalogChange[] = [];
    s.onChange((c) => changes.push(c));
    s.addUser('alice');
    s.addApplication(IMAGES.webapp);
    const { grant } = s.addGrant({ user: 'alice', image: IMAGES.webapp, policy: plain });
    expect(() => s.addUser('alice')).toThrow(/already exists/);
    const [launched] = await s.launch('local', { grantIds: [grant.id] });
    expect(launched!.state).toBe('running');
    await s.stopUser('local', 'alice');

    const entries = s.audit.list().reverse();
    expect(entries.map((e) => [e.actor, e.action, e.target, e.engine, e.result])).toEqual([
      ['operator1', 'user.add', 'alice', null, 'ok'],
      ['operator1', 'application.add', IMAGES.webapp, null, 'ok'],
      ['operator1', 'grant.add', `alice ${IMAGES.webapp}`, null, 'ok'],
      ['operator1', 'user.add', 'alice', null, 'error'],
      ['operator1', 'grant.launch', `alice ${IMAGES.webapp}`, 'local', 'ok'],
      ['operator1', 'containers.stopUser', 'alice', 'local', 'ok'],
    ]);
    expect(entries[0]!.at).toBe('2026-11-29T08:00:01.000Z');
    expect(entries[3]!.detail).toBe('User "alice" already exists');
    expect(entries[4]!.detail).toBe(
      `grant ${grant.id}: container ${launched!.container!.id.slice(0, 12)}`,
    );
    expect(entries[5]!.detail).toBe('1 stopped');
    expect(changes).toContain('users');
    expect(changes).toContain('grants');
    expect(s.audit.list({ search: 'launch' })).toHaveLength(1);
    s.close();
  });

  it('exports the audit log as CSV, oldest first', () => {
    const s = service();
    s.addUser('bob, "the builder"');
    expect(() => s.removeUser('nobody')).toThrow();
    const records = parse(s.audit.exportCsv());
    expect(records).toEqual([
      ['at', 'actor', 'action', 'target', 'engine', 'result', 'detail'],
      [expect.any(String), 'operator1', 'user.add', 'bob, "the builder"', '', 'ok', ''],
      [expect.any(String), 'operator1', 'user.remove', 'nobody', '', 'error', 'No user "nobody"'],
    ]);
    s.close();
  });

  it('keeps a name that looks like a spreadsheet formula as text in the export', () => {
    const s = service();
    s.addUser('=HYPERLINK("http://example.invalid","x")');
    const [, row] = parse(s.audit.exportCsv());
    expect(row![3]).toBe(`'=HYPERLINK("http://example.invalid","x")`);
    s.close();
  });

  it('records a failed launch for that user, and an unknown engine for the whole request', async () => {
    const s = service();
    s.addUser('carol');
    s.addApplication('remoteapp-test/missing-image:1');
    const { grant } = s.addGrant({
      user: 'carol',
      image: 'remoteapp-test/missing-image:1',
      policy: plain,
    });
    const [outcome] = await s.launch('local', { grantIds: [grant.id] });
    expect(outcome!.error!.code).toBe('IMAGE_NOT_FOUND');
    await expect(s.launch('elsewhere', { grantIds: [grant.id] })).rejects.toThrow(
      /no engine elsewhere/,
    );
    expect(s.audit.list().map((e) => [e.action, e.engine, e.result, e.detail])).toEqual([
      ['grant.launch', 'elsewhere', 'error', 'no engine elsewhere'],
      [
        'grant.launch',
        'local',
        'error',
        `grant ${grant.id}: image: "remoteapp-test/missing-image:1" is not on this engine`,
      ],
      ['grant.add', null, 'ok', `granted: ${grant.id}`],
      ['application.add', null, 'ok', ''],
      ['user.add', null, 'ok', ''],
    ]);
    s.close();
  });

  it("opens a deployment's database and a read-only CSV file, auditing in the app's own database", () => {
    const s = service();
    const deployment = files.ormCopy();
    const info = s.open('sqlite', deployment);
    expect(info).toMatchObject({
      kind: 'sqlite',
      readOnly: false,
      isHome: false,
      users: 4,
      grants: 5,
    });
    s.addUser('dave');
    expect(s.open('csv', ORM_CSV)).toMatchObject({ kind: 'csv', readOnly: true, grants: 5 });
    expect(() => s.addUser('erin')).toThrow(/read-only catalog/);
    expect(s.open('sqlite')).toMatchObject({ isHome: true, users: 0 });
    expect(s.audit.list().map((e) => [e.action, e.result])).toEqual([
      ['catalog.open', 'ok'],
      ['user.add', 'error'],
      ['catalog.open', 'ok'],
      ['user.add', 'ok'],
      ['catalog.open', 'ok'],
    ]);
    // The deployment's database got the user; the audit entries stay in the app's own.
    const db = new Database(deployment, { readonly: true });
    expect(db.prepare("SELECT name FROM user WHERE name = 'dave'").all()).toHaveLength(1);
    expect(db.prepare('SELECT count(*) AS n FROM remoteapp_audit').get()).toEqual({ n: 0 });
    db.close();
    s.close();
  });

  it('keeps the launch settings in its own table and refuses a bad home template', () => {
    const s = service();
    expect(s.settings.get()).toEqual({ homeTemplate: '/home/{user}', homeTarget: '/workspace' });
    expect(s.setSettings({ homeTemplate: '/export/homes/{user}' })).toEqual({
      homeTemplate: '/export/homes/{user}',
      homeTarget: '/workspace',
    });
    expect(() => s.setSettings({ homeTemplate: 'homes/{user}' })).toThrow(
      /homeTemplate: must be an absolute path/,
    );
    expect(s.settings.get().homeTemplate).toBe('/export/homes/{user}');
    s.close();
  });
});
