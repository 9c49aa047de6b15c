import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src-core/api/client';
import { PREVIEW_RANDOM } from '../../src-core/api/containers';
import type { Request } from '../../src-core/api/contract';
import { CoreError } from '../../src-core/api/errors';
import type { EngineListing, EnginePlan, Engines } from '../../src-core/engines/engine-registry';
import type { Launched } from '../../src-core/engines/launcher';
import { directUrls } from '../../src-core/host/container-urls';
import { createHost, type Host } from '../../src-core/host/host';
import { inProcessTransport } from '../../src-core/host/in-process-transport';
import type { ContainerManager } from '../../src-core/realm/container-manager';
import { planContainer } from '../../src-core/realm/create-plan';
import { validateStartRequest, type StartRequest } from '../../src-core/realm/start-request';
import { contractFailure, recordEvents } from '../support/contract-calls';
import { hostCalls } from '../support/host-calls';
import { realmContainer } from '../support/realm-container';

const peer = { transport: 'in-process', label: 'test' } as const;

const row = (id: string, user = 'ann') => realmContainer(id, { user });

/** What the manager's preview gives, from the real plan: its checks on the request included. */
function preview(request: StartRequest) {
  return {
    plan: planContainer('remoteexec', validateStartRequest(request), PREVIEW_RANDOM, {
      publishIp: '127.0.0.1',
    }),
    binds: [],
    replaces: null,
  };
}

interface Fakes {
  /** Each engine's manager: only the calls a test makes. */
  managers?: Record<string, Partial<ContainerManager>>;
  listAll?: () => Promise<EngineListing[]>;
  planEngines?: Engines['planEngines'];
  launch?: (choice: string, request: StartRequest) => Promise<Launched>;
}

let host: Host | undefined;
afterEach(() => host?.close());

/**
 * The host over fakes of the engines and the launcher, typed by the
 * interfaces the host uses: its handlers need no Docker. Every call that
 * reaches the fakes is recorded, so a test can tell that none did.
 */
function hostOver(fakes: Fakes) {
  const calls: string[] = [];
  const notFaked = (name: string) => () => {
    throw new Error(`${name} is not faked`);
  };
  const engines: Engines = {
    realm: 'remoteexec',
    add: notFaked('add'),
    remove: notFaked('remove'),
    statuses: () => [],
    manager(engineId) {
      calls.push(`manager ${engineId}`);
      const manager = fakes.managers?.[engineId];
      // As the registry answers for an engine it does not have.
      if (!manager)
        throw new CoreError('NOT_FOUND', `engine: no engine "${engineId}" is registered`, {
          field: 'engine',
          reason: 'unknown engine',
        });
      return manager as ContainerManager;
    },
    listAll() {
      calls.push('listAll');
      return fakes.listAll!();
    },
    planEngines(choice, launches) {
      calls.push('planEngines');
      return fakes.planEngines!(choice, launches);
    },
    onEngine: () => () => {},
    onContainer: () => () => {},
    nodes: notFaked('nodes'),
    setNodeAvailability: notFaked('setNodeAvailability'),
    givePassphrase: notFaked('givePassphrase'),
    trustHostKey: notFaked('trustHostKey'),
  };
  const launcher = {
    launch(choice: string, request: StartRequest) {
      calls.push(`launch ${choice}`);
      return fakes.launch!(choice, request);
    },
  };
  host = createHost({ engines, launcher, urls: directUrls });
  const session = host.open(peer, () => {});
  const opened = host;
  return {
    calls,
    client: () => createClient(inProcessTransport(opened, peer)),
    ...hostCalls(() => session),
  };
}

describe('containers.list', () => {
  it("shows an engine's error beside the other engines' rows", async () => {
    const unreachable = new CoreError('ENGINE_UNREACHABLE', 'engine "b" cannot be reached', {
      engineId: 'b',
    }).toPayload();
    const { call } = hostOver({
      listAll: async () => [
        { engineId: 'a', containers: [row('c1')] },
        { engineId: 'b', containers: [], error: unreachable },
      ],
    });
    const { engines } = await call('containers.list', {});
    expect(engines).toEqual([
      {
        engine: 'a',
        containers: [
          {
            ...row('c1'),
            engine: 'a',
            url: 'http://127.0.0.1:32768/user/ann/containers/uc1/',
            lastActivity: null,
            node: null,
            service: null,
          },
        ],
      },
      { engine: 'b', containers: [], error: unreachable },
    ]);
  });

  it('fails with the engine error when the one engine asked cannot answer, never an empty list', async () => {
    const { failure } = hostOver({
      managers: {
        b: {
          listContainers: () =>
            Promise.reject(new CoreError('ENGINE_UNREACHABLE', 'engine "b" cannot be reached')),
        },
      },
    });
    expect(await failure('containers.list', { engine: 'b' })).toMatchObject({
      code: 'ENGINE_UNREACHABLE',
      message: 'engine "b" cannot be reached',
    });
  });
});

describe('containers.launch', () => {
  it("answers with the launcher's engine and tells every session the operation's progress", async () => {
    const asked: Array<[string, StartRequest]> = [];
    const fake = hostOver({
      launch: async (choice, request) => {
        asked.push([choice, request]);
        return { engine: 'b', container: row('c9'), skippedVolumes: [] };
      },
    });
    const caller = fake.client();
    const onlooker = fake.client();
    const seenByCaller = recordEvents(caller, 'operations.progress');
    const seenByOnlooker = recordEvents(onlooker, 'operations.progress');

    const result = await caller.call('containers.launch', {
      user: 'ann',
      image: 'app',
      operationId: 'op-1',
    });

    expect(result).toMatchObject({ engine: 'b', container: { id: 'c9', engine: 'b' } });
    const progress = {
      operationId: 'op-1',
      kind: 'launch',
      done: 1,
      total: 1,
      item: { engine: 'b', id: 'c9', user: 'ann' },
    };
    expect(seenByCaller).toEqual([progress]);
    expect(seenByOnlooker).toEqual([progress]);
    // No engine named: the launcher chooses among all.
    expect(asked).toEqual([
      [
        'any',
        {
          user: 'ann',
          image: 'app',
          mappingId: expect.stringMatching(/^[0-9a-f]{32}$/),
          volumes: [],
          environment: {},
        },
      ],
    ]);
  });

  it('asks for the same mapping id when a user launches an image again, so that it replaces', async () => {
    const mappingIds: string[] = [];
    const { call } = hostOver({
      launch: async (_choice, request) => {
        mappingIds.push(request.mappingId);
        return { engine: 'a', container: row('c1', request.user), skippedVolumes: [] };
      },
    });
    const launch = (user: string, image: string) =>
      call('containers.launch', { engine: 'a', user, image });
    await launch('ann', 'app');
    await launch('ann', 'app');
    await launch('ben', 'app');
    await launch('ann', 'other');
    expect(mappingIds[1]).toBe(mappingIds[0]);
    expect(new Set(mappingIds).size).toBe(3);
  });
});

describe('containers.preview', () => {
  const users = (names: string[]): Request<'containers.preview'> => ({
    engine: 'any',
    users: names,
    image: 'app',
  });

  it('names the entry of `users` the manager refuses', async () => {
    const fake = hostOver({
      managers: { a: { previewContainer: async (request) => preview(request) } },
      planEngines: (_choice, launches) => launches.map(() => ({ engine: 'a', alsoOn: [] })),
    });
    const error = await contractFailure(
      fake.client().call('containers.preview', users(['ann', 'bad\u0007user'])),
    );
    expect(error).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'users[1]', reason: 'must not contain control characters' },
    });
  });

  it("shows why a user's launch would be refused, from what is known, without asking that engine", async () => {
    const refused = new CoreError('ENGINE_UNREACHABLE', 'ben has a container on "b"', {
      field: 'engine',
      container: 'old-ben',
    });
    const plans: EnginePlan[] = [
      { engine: 'a', alsoOn: [] },
      { engine: 'b', refused, alsoOn: [] },
    ];
    const { call } = hostOver({
      managers: {
        a: { previewContainer: async (request) => preview(request) },
        b: {
          previewContainer: () => Promise.reject(new Error('the engine not connected was asked')),
          previewUnasked: (request, replaces) => ({ ...preview(request), replaces }),
        },
      },
      planEngines: () => plans,
    });
    const { containers } = await call('containers.preview', users(['ann', 'ben']));
    expect(containers).toEqual([
      expect.objectContaining({ user: 'ann', engine: 'a', replaces: null }),
      expect.objectContaining({
        user: 'ben',
        engine: 'b',
        replaces: 'old-ben',
        error: refused.toPayload(),
      }),
    ]);
    expect(containers[0]).not.toHaveProperty('error');
  });

  it('refuses an unknown engine as NOT_FOUND on `engine`, before planning anything', async () => {
    const fake = hostOver({ managers: {} });
    expect(
      await fake.failure('containers.preview', { engine: 'nope', users: ['ann'], image: 'app' }),
    ).toMatchObject({ code: 'NOT_FOUND', details: { field: 'engine' } });
    expect(fake.calls).toEqual(['manager nope']);
  });
});

describe('containers.stop', () => {
  it('reports each target on its own, one failure stopping none of the others', async () => {
    const stopped: string[] = [];
    let finishSlow!: () => void;
    const slow = new Promise<void>((resolve) => (finishSlow = resolve));
    const fake = hostOver({
      managers: {
        a: {
          stopAndRemoveContainer: async (id) => {
            if (id === 'c1') await slow;
            stopped.push(id);
            return { id, removed: id === 'c1' };
          },
        },
        b: {
          stopAndRemoveContainer: () =>
            Promise.reject(
              new CoreError('OPERATION_IN_PROGRESS', 'a stop of container c2 is under way'),
            ),
        },
      },
    });
    const client = fake.client();
    const progress = recordEvents(client, 'operations.progress');
    const stopping = client.call('containers.stop', {
      targets: [
        { engine: 'a', id: 'c1' },
        { engine: 'b', id: 'c2' },
        { engine: 'nope', id: 'c3' },
        { engine: 'a', id: 'c4' },
      ],
      operationId: 'op-2',
    });
    // The failures and c4 are told while c1 is still stopping.
    await expect.poll(() => progress.length).toBe(3);
    finishSlow();
    const { results } = await stopping;

    expect(results).toEqual([
      { engine: 'a', id: 'c1', ok: true, removed: true },
      {
        engine: 'b',
        id: 'c2',
        ok: false,
        error: expect.objectContaining({ code: 'OPERATION_IN_PROGRESS' }),
      },
      {
        engine: 'nope',
        id: 'c3',
        ok: false,
        error: expect.objectContaining({
          code: 'NOT_FOUND',
          details: expect.objectContaining({ field: 'engine' }),
        }),
      },
      { engine: 'a', id: 'c4', ok: true, removed: false },
    ]);
    expect(stopped.sort()).toEqual(['c1', 'c4']);
    // Each target is told as it settles: the one held back last.
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(progress.at(-1)!.item.id).toBe('c1');
    expect(Object.fromEntries(progress.map((p) => [p.item.id, p.error?.code ?? 'ok']))).toEqual({
      c1: 'ok',
      c2: 'OPERATION_IN_PROGRESS',
      c3: 'NOT_FOUND',
      c4: 'ok',
    });
    expect(
      progress.every((p) => p.operationId === 'op-2' && p.kind === 'stop' && p.total === 4),
    ).toBe(true);
  });
});

describe('a request that breaks the contract', () => {
  it.each([
    ['containers.list', { engine: '../etc' }, 'engine'],
    ['containers.launch', { user: '', image: 'app' }, 'user'],
    ['containers.launch', { user: 'ann', image: 'app', privileged: true }, 'privileged'],
    ['containers.launch', { user: 'ann', image: 'app', operationId: 'op 1' }, 'operationId'],
    [
      'containers.launch',
      { user: 'ann', image: 'app', volumes: [{ source: '/srv', target: '/w', mode: 'rwx' }] },
      'volumes[0].mode',
    ],
    ['containers.preview', { users: [], image: 'app' }, 'users'],
    ['containers.stop', { targets: [] }, 'targets'],
    ['containers.stop', { targets: [{ engine: 'a', id: 'c1; rm -rf /' }] }, 'targets[0].id'],
    ['containers.inspect', { engine: 'a' }, 'id'],
  ])('%s %j is VALIDATION on %s, and reaches no engine', async (name, request, field) => {
    const fake = hostOver({
      managers: { a: {} },
      listAll: async () => [],
      planEngines: () => [],
      launch: () => Promise.reject(new Error('launched')),
    });
    expect(await fake.failure(name, request)).toMatchObject({
      code: 'VALIDATION',
      details: { field },
    });
    expect(fake.calls).toEqual([]);
  });
});
