import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../src-core/api/contract';
import type { Session } from '../../src-core/host/host';
import { IMAGES } from '../support/fixture-images';
import { hostCalls } from '../support/host-calls';
import { startTestCore } from '../support/test-core';
import { ORM_CSV, scratch } from '../catalog/catalog-files';

const files = scratch();
let t: Awaited<ReturnType<typeof startTestCore>>;
let session: Session;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are checked field by field below
const events: Array<{ name: EventName; payload: any }> = [];

beforeAll(async () => {
  t = await startTestCore('catalog-host', { catalogPath: files.path('app.db') });
  session = t.core.host.open({ transport: 'in-process', label: 'test' }, (name, payload) =>
    events.push({ name, payload }),
  );
});
afterAll(async () => {
  session?.close();
  await t?.close();
  files.remove();
});

const { call, failure } = hostCalls(() => session);

describe('the catalog over the contract', () => {
  it('imports the real CSV, lists its grants, exports them again', async () => {
    const text = readFileSync(ORM_CSV, 'utf8');
    expect(await call('catalog.importCsv', { text, name: 'simphony-remote.csv' })).toMatchObject({
      grantsAdded: 5,
    });
    expect(await call('catalog.info', {})).toMatchObject({
      kind: 'sqlite',
      isHome: true,
      users: 4,
      grants: 5,
    });
    const { grants } = await call('catalog.grants', { search: 'ümlaut' });
    expect(grants).toHaveLength(1);
    expect(grants[0]!.policy).toMatchObject({
      appLicense: 'LICENSE-KEY-123',
      volume: { mode: 'ro' },
    });
    const exported = (await call('catalog.exportCsv', {})).text as string;
    expect(exported.split('\n')).toHaveLength(7);
    expect(events).toContainEqual({ name: 'catalog.changed', payload: { what: 'grants' } });
  });

  it('refuses a bad CSV with the row and column named, and a malformed request before any handler', async () => {
    const bad = readFileSync(ORM_CSV, 'utf8').replace(',/data,ro\n', ',/data,rx\n');
    expect(await failure('catalog.importCsv', { text: bad, name: 'bad.csv' })).toMatchObject({
      code: 'VALIDATION',
      details: { row: 3, column: 'policy.volume_mode' },
    });
    expect(await failure('catalog.removeGrant', { id: 'nope' })).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'id' },
    });
    expect(
      await failure('catalog.launch', { engine: 'local', image: IMAGES.webapp }),
    ).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'users' },
    });
  });

  it('grants, launches with per-user progress events, and stops an application', async () => {
    await call('catalog.addApplication', { image: IMAGES.webapp });
    for (const user of ['alice', 'bob_smith'])
      await call('catalog.addGrant', { user, image: IMAGES.webapp, policy: { appLicense: 'K-1' } });
    const result = await call('catalog.launch', {
      engine: 'local',
      image: IMAGES.webapp,
      users: ['alice', 'bob_smith', 'nobody'],
      operationId: 'op-1',
    });
    expect(result.outcomes.map((o) => [o.user, o.state])).toEqual([
      ['alice', 'running'],
      ['bob_smith', 'running'],
      ['nobody', 'failed'],
    ]);
    const alice = result.outcomes[0]!;
    expect(alice.container).toMatchObject({
      engine: 'local',
      mappingId: alice.grantId,
      user: 'alice',
    });
    expect(alice.container!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/user\/alice\/containers\//);
    const progress = events.filter(
      (e) => e.name === 'catalog.launchProgress' && e.payload.user === 'alice',
    );
    expect(progress.map((e) => e.payload.state)).toEqual(['queued', 'starting', 'running']);
    expect(
      events.filter((e) => e.name === 'operations.progress' && e.payload.operationId === 'op-1'),
    ).toHaveLength(3);

    const stopped = await call('catalog.stopApplication', {
      engine: 'local',
      image: IMAGES.webapp,
    });
    expect(stopped.results).toHaveLength(2);
    expect(stopped.results.every((r) => r.removed)).toBe(true);
  });

  it('serves the audit log, live and as CSV', async () => {
    const { entries } = await call('catalog.audit', { limit: 4 });
    expect(entries[0]).toMatchObject({
      action: 'containers.stopApplication',
      engine: 'local',
      result: 'ok',
    });
    // One entry per user launched, each with its own result.
    expect(
      entries
        .slice(1)
        .map((e) => [e.action, e.target.split(' ')[0], e.result])
        .sort(),
    ).toEqual([
      ['grant.launch', 'alice', 'ok'],
      ['grant.launch', 'bob_smith', 'ok'],
      ['grant.launch', 'nobody', 'error'],
    ]);
    expect(events.filter((e) => e.name === 'catalog.audited').length).toBeGreaterThan(5);
    const csv = (await call('catalog.exportAudit', {})).text as string;
    expect(csv.split('\n')[0]).toBe('at,actor,action,target,engine,result,detail');
    expect(csv).toContain(
      ',catalog.import,simphony-remote.csv,,ok,"5 grant(s) added, 0 already there"\n',
    );
  });
});
