import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import { contractFailure } from '../support/contract-calls';
import { IMAGES } from '../support/fixture-images';
import { startTwoEngineSession, type TwoEngineSession } from '../support/two-engine-session';
import { until } from '../support/until';

let session: TwoEngineSession;
let client: ContractClient;
/** Each user's grant of the labeled app, by user name. */
const grants: Record<string, string> = {};
const image = IMAGES.labeled;

beforeAll(async () => {
  session = await startTwoEngineSession('held-offline', 'hldo');
  client = session.client;
  await client.call('catalog.addApplication', { image });
  for (const user of ['zed', 'ann']) {
    await client.call('catalog.addUser', { name: user });
    const { grant } = await client.call('catalog.addGrant', { user, image, policy: {} });
    grants[user] = grant.id;
  }
});

afterAll(() => session?.close());

/** Each engine's realm containers, freshly listed (an engine down lists none). */
async function listed(): Promise<Record<string, Array<{ user: string; id: string }>>> {
  const { engines } = await client.call('containers.list', {});
  return Object.fromEntries(
    engines.map((e) => [e.engine, e.containers.map(({ user, id }) => ({ user, id }))]),
  );
}

async function secondState(): Promise<string> {
  const { engines } = await client.call('engines.list', {});
  return engines.find((e) => e.id === 'second')!.state;
}

/** What a refusal of zed's launch says: the user, the app, the engine, and what to do. */
function expectZedRefused(error: { code: string; message: string; details: object }) {
  expect(error.code).toBe('ENGINE_UNREACHABLE');
  expect(error.message).toContain('zed has a container of');
  expect(error.message).toContain(image);
  expect(error.message).toContain('on engine "Second", which is');
  expect(error.message).toContain('wait for "Second" to reconnect, or choose an engine explicitly');
  expect(error.details).toMatchObject({ engineId: 'second', user: 'zed' });
}

describe('a user whose app is on an engine that is not connected, with two real engines', () => {
  let held: string;

  it('flags in the preview of a named engine that another engine has the app', async () => {
    const launched = await client.call('containers.launch', {
      engine: 'second',
      user: 'zed',
      image,
    });
    expect(launched.engine).toBe('second');
    held = launched.container.id;

    const { containers: named } = await client.call('containers.preview', {
      engine: 'local',
      image,
      users: ['zed', 'ann'],
    });
    expect(
      named.map(({ user, engine, alsoOn, replaces }) => ({ user, engine, alsoOn, replaces })),
    ).toEqual([
      { user: 'zed', engine: 'local', alsoOn: ['second'], replaces: null },
      { user: 'ann', engine: 'local', alsoOn: [], replaces: null },
    ]);
    // With "any", zed goes where the app is: nothing is left elsewhere.
    const { containers: any } = await client.call('containers.preview', {
      engine: 'any',
      image,
      users: ['zed'],
    });
    expect(any[0]).toMatchObject({ engine: 'second', alsoOn: [], replaces: held });
    expect(any[0]!.error).toBeUndefined();
  });

  it('refuses "any" for that user while the engine is down, creating nothing; the preview says so', async () => {
    const { outcomes } = await client.call('catalog.launch', {
      engine: 'second',
      grantIds: [grants.zed!],
    });
    expect(outcomes[0]).toMatchObject({ user: 'zed', engine: 'second', state: 'running' });

    await session.second.stopDaemon();
    await until('the second engine not connected', async () =>
      (await secondState()) !== 'connected' ? true : undefined,
    );

    expectZedRefused(
      await contractFailure(
        client.call('containers.launch', { engine: 'any', user: 'zed', image }),
      ),
    );

    // Per grant: zed's is refused, ann's (held nowhere) launches on the engine that is up.
    const { outcomes: any } = await client.call('catalog.launch', {
      engine: 'any',
      grantIds: [grants.zed!, grants.ann!],
    });
    expect(any.map(({ user, state, engine }) => ({ user, state, engine }))).toEqual([
      { user: 'zed', state: 'failed', engine: null },
      { user: 'ann', state: 'running', engine: 'local' },
    ]);
    expectZedRefused(any[0]!.error!);
    expect(any[0]!.error!.message).toContain(`mapping id ${grants.zed}`);
    expect((await listed()).local).toEqual([{ user: 'ann', id: any[1]!.container!.id }]);

    // The preview says it in zed's entry and still shows the others.
    const { containers } = await client.call('containers.preview', {
      engine: 'any',
      image,
      users: ['zed', 'ben'],
    });
    expect(containers.map(({ user, engine, replaces }) => ({ user, engine, replaces }))).toEqual([
      { user: 'zed', engine: 'second', replaces: held },
      { user: 'ben', engine: 'local', replaces: null },
    ]);
    expectZedRefused(containers[0]!.error!);
    expect(containers[1]!.error).toBeUndefined();
  });

  it('launches "any" on the engine again once it is back, replacing the container there', async () => {
    await session.second.startDaemon();
    await until(
      'the second engine connected again',
      async () => ((await secondState()) === 'connected' ? true : undefined),
      45_000,
    );
    const launched = await client.call('containers.launch', { engine: 'any', user: 'zed', image });
    expect(launched.engine).toBe('second');
    expect(launched.container.id).not.toBe(held);
    const after = await listed();
    // zed: the new one (and the grant's, another mapping id) on the second engine, none on the first.
    expect(after.second!.filter((c) => c.user === 'zed').map((c) => c.id)).toContain(
      launched.container.id,
    );
    expect(after.second!.map((c) => c.id)).not.toContain(held);
    expect(after.local!.filter((c) => c.user === 'zed')).toEqual([]);
  });
});
