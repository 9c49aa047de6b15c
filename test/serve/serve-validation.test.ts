import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError, type ContractClient } from '../../src-core/api/client';
import { CALL_NAMES, type CallName } from '../../src-core/api/contract';
import { HUGE, malformedFromSchema, type MalformedCase } from '../api/malformed-requests';
import { VALID_REQUESTS } from '../api/valid-requests';
import { startServeSession } from '../support/serve-session';

let session: Awaited<ReturnType<typeof startServeSession>>;
let env: typeof session.env;
let client: ContractClient;

beforeAll(async () => {
  session = await startServeSession('validation');
  ({ env, client } = session);
});

afterAll(async () => {
  await session?.close();
});

const launch = VALID_REQUESTS['containers.launch']!;
const volume = launch.volumes![0]!;
const preview = VALID_REQUESTS['containers.preview']!;
const tested = VALID_REQUESTS['engines.test']!;
const added = VALID_REQUESTS['engines.add']!;

/** Nested fields and checks the schema walk does not reach. */
const NESTED: Partial<Record<CallName, MalformedCase[]>> = {
  'containers.launch': [
    {
      what: 'a huge volume source',
      request: { ...launch, volumes: [{ ...volume, source: HUGE }] },
      field: 'volumes[0].source',
    },
    {
      what: 'a volume mode not ro/rw',
      request: { ...launch, volumes: [volume, { ...volume, target: '/x', mode: 'rx' }] },
      field: 'volumes[1].mode',
    },
    {
      what: 'a volume with an extra field',
      request: { ...launch, volumes: [{ ...volume, propagation: 'shared' }] },
      field: 'volumes[0].propagation',
    },
    {
      what: 'a volume without target',
      request: { ...launch, volumes: [{ source: '/tmp', mode: 'ro' }] },
      field: 'volumes[0].target',
    },
    {
      what: 'a relative volume source',
      request: { ...launch, volumes: [{ ...volume, source: 'tmp' }] },
      field: 'volumes[0].source',
    },
    {
      what: 'a volume source with ..',
      request: { ...launch, volumes: [{ ...volume, source: '/tmp/../etc' }] },
      field: 'volumes[0].source',
    },
    {
      what: 'a bad variable name',
      request: { ...launch, environment: { 'A B': 'x' } },
      field: 'environment.A B',
    },
    {
      what: 'a variable of the wrong type',
      request: { ...launch, environment: { N: 5 } },
      field: 'environment.N',
    },
    {
      what: 'a huge variable',
      request: { ...launch, environment: { BIG: HUGE } },
      field: 'environment.BIG',
    },
    {
      what: 'too many variables',
      request: {
        ...launch,
        environment: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`V${i}`, 'x'])),
      },
      field: 'environment',
    },
    { what: 'an empty user', request: { ...launch, user: '' }, field: 'user' },
    { what: 'a user with a newline', request: { ...launch, user: 'eve\nroot' }, field: 'user' },
    {
      what: 'an image with a space',
      request: { ...launch, image: 'busybox; rm -rf' },
      field: 'image',
    },
    {
      what: 'an engine id with a slash',
      request: { ...launch, engine: '../local' },
      field: 'engine',
    },
  ],
  'containers.preview': [
    {
      what: 'an empty user among others',
      request: { ...preview, users: ['alice', ''] },
      field: 'users[1]',
    },
    {
      what: 'a relative volume target',
      request: { ...preview, volumes: [{ ...volume, target: 'data' }] },
      field: 'volumes[0].target',
    },
  ],
  'engines.test': [
    {
      what: 'an unknown kind',
      request: { profile: { kind: 'ftp', host: 'h' } },
      field: 'profile.kind',
    },
    {
      what: 'a key passphrase (secrets never cross)',
      request: { profile: { ...tested.profile, passphrase: 'secret' } },
      field: 'profile.passphrase',
    },
    {
      what: 'TLS without its CA file',
      request: { profile: { ...tested.profile, tls: { cert: '/c.pem', key: '/k.pem' } } },
      field: 'profile.tls.ca',
    },
    {
      what: 'a huge host',
      request: { profile: { ...tested.profile, host: HUGE } },
      field: 'profile.host',
    },
  ],
  'engines.add': [
    {
      what: 'a port out of range',
      request: { profile: { ...added.profile, port: 0 } },
      field: 'profile.port',
    },
    {
      what: 'an id with capitals',
      request: { profile: { ...added.profile, id: 'GPU' } },
      field: 'profile.id',
    },
  ],
  'containers.stop': [
    { what: 'no targets', request: { targets: [] }, field: 'targets' },
    {
      what: 'too many targets',
      request: { targets: Array.from({ length: 1001 }, () => ({ engine: 'local', id: 'abc' })) },
      field: 'targets',
    },
    {
      what: 'a target id of the wrong type',
      request: { targets: [{ engine: 'local', id: 7 }] },
      field: 'targets[0].id',
    },
    {
      what: 'a target with an extra field',
      request: {
        targets: [
          { engine: 'local', id: 'a' },
          { engine: 'local', id: 'b', force: true },
        ],
      },
      field: 'targets[1].force',
    },
    {
      what: 'a huge target id',
      request: { targets: [{ engine: 'local', id: HUGE }] },
      field: 'targets[0].id',
    },
  ],
  'containers.logs': [
    { what: 'a negative tail', request: { engine: 'local', id: 'abc', tail: -1 }, field: 'tail' },
    {
      what: 'a fractional tail',
      request: { engine: 'local', id: 'abc', tail: 1.5 },
      field: 'tail',
    },
    { what: 'a tail too large', request: { engine: 'local', id: 'abc', tail: 1e9 }, field: 'tail' },
  ],
};

function casesOf(name: CallName): MalformedCase[] {
  const valid = VALID_REQUESTS[name] as Record<string, unknown>;
  return [...malformedFromSchema(name, valid), ...(NESTED[name] ?? [])];
}

describe('malformed input is refused with VALIDATION naming the field, and nothing reaches Docker', () => {
  it('has a valid base request for every call of the contract', () => {
    expect(CALL_NAMES.filter((name) => !(name in VALID_REQUESTS))).toEqual([]);
  });

  for (const name of CALL_NAMES) {
    it(name, async () => {
      const before = env.counter.calls().length;
      const cases = casesOf(name);
      expect(cases.length).toBeGreaterThanOrEqual(3);
      for (const c of cases) {
        const error = await client.call(name, c.request as never).then(
          () => new Error(`${name} with ${c.what} was accepted`),
          (e: unknown) => e,
        );
        expect(error, `${name} with ${c.what}`).toBeInstanceOf(ContractError);
        expect((error as ContractError).code, `${name} with ${c.what}`).toBe('VALIDATION');
        expect((error as ContractError).details.field, `${name} with ${c.what}`).toBe(c.field);
        expect((error as ContractError).message, `${name} with ${c.what}`).toContain(c.field);
      }
      expect(env.counter.calls().slice(before)).toEqual([]);
    });
  }

  it('refuses a name that is not a call of the contract', async () => {
    const error = await client
      .call('containers.destroyEverything' as CallName, {} as never)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION', details: { field: 'name' } });
  });

  it('counts what does reach Docker: a valid listing is one request', async () => {
    const before = env.counter.calls().length;
    await client.call('containers.list', { engine: 'local' });
    expect(env.counter.calls().slice(before)).toEqual([
      expect.stringMatching(/^GET (\/v[\d.]+)?\/containers\/json\?/),
    ]);
  });
});
