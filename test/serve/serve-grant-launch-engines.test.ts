import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import type { EventPayload } from '../../src-core/api/contract';
import { IMAGES } from '../support/fixture-images';
import { startTwoEngineSession, type TwoEngineSession } from '../support/two-engine-session';

let session: TwoEngineSession;
let client: ContractClient;
const progress: EventPayload<'catalog.launchProgress'>[] = [];
/** Each user's grant of the web app, by user name. */
const grants: Record<string, string> = {};
const MISSING = 'remoteapp-test/not-here:1';

beforeAll(async () => {
  session = await startTwoEngineSession('grant-engines', 'grnt');
  client = session.client;
  client.on('catalog.launchProgress', (p) => progress.push(p));
  await client.call('catalog.addApplication', { image: IMAGES.webapp });
  await client.call('catalog.addApplication', { image: MISSING });
  for (const user of ['ann', 'ben', 'cid', 'dee', 'eve', 'fay', 'gus'])
    await client.call('catalog.addUser', { name: user });
  for (const user of ['ann', 'ben', 'cid', 'dee', 'eve', 'gus']) {
    const { grant } = await client.call('catalog.addGrant', {
      user,
      image: IMAGES.webapp,
      policy: {},
    });
    grants[user] = grant.id;
  }
});

afterAll(() => session?.close());

/** Launches grants with engine "any"; each user's engine, or why it failed. */
async function launch(grantIds: string[], operationId: string): Promise<Record<string, string>> {
  const { outcomes } = await client.call('catalog.launch', {
    engine: 'any',
    grantIds,
    operationId,
  });
  return Object.fromEntries(
    outcomes.map((o) => [o.user, o.state === 'running' ? o.engine! : `failed: ${o.error!.code}`]),
  );
}

/** Each engine's realm containers, freshly listed: user → container id. */
async function listed(): Promise<Record<string, Record<string, string>>> {
  const { engines } = await client.call('containers.list', {});
  return Object.fromEntries(
    engines.map((e) => [e.engine, Object.fromEntries(e.containers.map((c) => [c.user, c.id]))]),
  );
}

describe('catalog.launch with engine "any" and two real engines', () => {
  it('spreads the grants, each user replaced where they run, and a failure stops counting', async () => {
    // Two empty engines: each grant's engine is reserved in turn, counting the ones before it.
    const four = ['ann', 'ben', 'cid', 'dee'];
    expect(
      await launch(
        four.map((u) => grants[u]!),
        'op-four',
      ),
    ).toEqual({ ann: 'local', ben: 'second', cid: 'local', dee: 'second' });
    // Each user's progress named their engine from `queued` on.
    const queued = progress.filter((p) => p.operationId === 'op-four' && p.state === 'queued');
    expect(Object.fromEntries(queued.map((p) => [p.user, p.engine]))).toEqual({
      ann: 'local',
      ben: 'second',
      cid: 'local',
      dee: 'second',
    });
    const before = await listed();
    expect(Object.keys(before.local!).sort()).toEqual(['ann', 'cid']);
    expect(Object.keys(before.second!).sort()).toEqual(['ben', 'dee']);

    // ben again, with eve: a tie would send ben to the first engine, but his app is on the second.
    expect(await launch([grants.ben!, grants.eve!], 'op-again')).toEqual({
      ben: 'second',
      eve: 'local',
    });
    const after = await listed();
    expect(Object.keys(after.local!).sort()).toEqual(['ann', 'cid', 'eve']);
    expect(Object.keys(after.second!).sort()).toEqual(['ben', 'dee']);
    expect(after.second!.ben).not.toBe(before.second!.ben);

    // A grant of an image no engine has goes to the second (fewer) and fails there...
    const { grant: broken } = await client.call('catalog.addGrant', {
      user: 'fay',
      image: MISSING,
      policy: {},
    });
    expect(await launch([broken.id], 'op-broken')).toEqual({ fay: 'failed: IMAGE_NOT_FOUND' });
    expect(progress.find((p) => p.operationId === 'op-broken')!.engine).toBe('second');
    // ...and counts no more: the next goes to the second too (one still counted would make a tie).
    expect(await launch([grants.gus!], 'op-next')).toEqual({ gus: 'second' });
    const last = await listed();
    expect(Object.keys(last.second!).sort()).toEqual(['ben', 'dee', 'gus']);
    expect(Object.keys(last.local!).sort()).toEqual(['ann', 'cid', 'eve']);
  });
});
