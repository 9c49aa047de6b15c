import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import type { Request } from '../../src-core/api/contract';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { startServeSession } from '../support/serve-session';
import { until } from '../support/until';
import { contractFailure, recordEvents } from '../support/contract-calls';

type Profile = Request<'engines.add'>['profile'];

let session: Awaited<ReturnType<typeof startServeSession>>;
let second: SecondEngine;
let client: ContractClient;
const stderr = vi.spyOn(console, 'error');
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-not-loaded-'));
const enginesPath = join(configDir, 'engines.json');
/** The client certificate of the broken profile: not there at start. */
const goneCert = join(configDir, 'moved', 'client-cert.pem');

let good: Profile;
let certGone: Profile;
/** Same id as the start-up engine of the test core: it cannot be added beside it. */
let shadowed: Profile;

/** The file as the app writes it, byte for byte. */
const fileOf = (engines: Profile[]) => `${JSON.stringify({ engines }, null, 2)}\n`;

beforeAll(async () => {
  second = await startSecondEngine('notld');
  const tls = { ca: second.certs.ca, cert: second.certs.clientCert, key: second.certs.clientKey };
  const address = { host: '127.0.0.1', port: second.tlsPort };
  good = { kind: 'tcp', id: 'second-tls', name: 'Second over TLS', ...address, tls };
  const moved = { ...tls, cert: goneCert };
  certGone = { kind: 'tcp', id: 'cert-gone', name: 'Cert gone', ...address, tls: moved };
  shadowed = { kind: 'socket', id: 'local', name: 'Shadowed', path: second.socketPath };
  writeFileSync(enginesPath, fileOf([good, certGone, shadowed]), { mode: 0o600 });
  session = await startServeSession('not-loaded', { enginesPath });
  ({ client } = session);
});

afterAll(async () => {
  stderr.mockRestore();
  await session?.close();
  await second?.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('saved engines that cannot be added at start, over the contract', () => {
  it('are listed as not loaded with the reason naming the field and the file, while the good one works', async () => {
    const { engines, notLoaded } = await client.call('engines.list', {});
    expect(engines.map((e) => [e.id, e.state])).toEqual([
      ['local', 'connected'],
      ['second-tls', 'connected'],
    ]);
    expect(notLoaded).toEqual([
      {
        id: 'cert-gone',
        name: 'Cert gone',
        profile: certGone,
        error: expect.objectContaining({
          code: 'VALIDATION',
          details: expect.objectContaining({ field: 'tls.cert' }),
        }),
        since: expect.any(Number),
      },
      {
        id: 'local',
        name: 'Shadowed',
        profile: shadowed,
        error: expect.objectContaining({
          code: 'CONFLICT',
          details: expect.objectContaining({ field: 'id' }),
        }),
        since: expect.any(Number),
      },
    ]);
    expect(notLoaded[0]!.error.message).toContain(goneCert);
    expect(notLoaded[1]!.error.message).toContain('"local" is already registered');

    // The good saved engine answers: its realm listing comes back without an error.
    const listing = await client.call('containers.list', { engine: 'second-tls' });
    expect(listing.engines).toEqual([{ engine: 'second-tls', containers: [] }]);
    // Serve mode and the command line still read it on stderr.
    const said = stderr.mock.calls.map((args) => args.join(' '));
    expect(
      said.some((line) => line.includes('"cert-gone" not loaded') && line.includes(goneCert)),
    ).toBe(true);
    expect(said.some((line) => line.includes('"local" not loaded'))).toBe(true);
  });

  it('Retry while the file is still gone: the same reason, with its new time sent to every session', async () => {
    const before = (await client.call('engines.list', {})).notLoaded[0]!;
    const events = recordEvents(client, 'engines.notLoaded');
    const error = await contractFailure(client.call('engines.retry', { engine: 'cert-gone' }));
    expect(error).toMatchObject({ code: 'VALIDATION', details: { field: 'tls.cert' } });
    expect(error.message).toContain(goneCert);
    const heard = await until('the renewed reason heard', () => events[0]);
    const renewed = heard.engines.find((e) => e.id === 'cert-gone')!;
    expect(renewed.since).toBeGreaterThanOrEqual(before.since);
    expect(renewed.error.message).toBe(before.error.message);
  });

  it('Retry of an engine that is not waiting to be loaded: NOT_FOUND on the engine field', async () => {
    const error = await contractFailure(client.call('engines.retry', { engine: 'second-tls' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'engine' } });
  });

  it('Remove with notLoaded drops the shadowed profile from the file, byte for byte, and leaves the start-up engine of that id', async () => {
    const notLoaded = recordEvents(client, 'engines.notLoaded');
    const removed = recordEvents(client, 'engines.removed');
    expect(await client.call('engines.remove', { engine: 'local', notLoaded: true })).toEqual({
      saved: true,
    });
    expect(readFileSync(enginesPath, 'utf8')).toBe(fileOf([good, certGone]));
    const heard = await until('the new set heard', () => notLoaded[0]);
    expect(heard.engines.map((e) => e.id)).toEqual(['cert-gone']);
    const { engines } = await client.call('engines.list', {});
    expect(engines.find((e) => e.id === 'local')).toMatchObject({ state: 'connected' });
    expect(removed).toEqual([]);
  });

  it('Remove without notLoaded of a saved engine that is only not loaded: NOT_FOUND naming notLoaded, the file kept', async () => {
    const error = await contractFailure(client.call('engines.remove', { engine: 'cert-gone' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'notLoaded' } });
    expect(readFileSync(enginesPath, 'utf8')).toBe(fileOf([good, certGone]));
    expect((await client.call('engines.list', {})).notLoaded.map((e) => e.id)).toEqual([
      'cert-gone',
    ]);
  });

  it('Retry once the certificate is back: the engine connects and leaves the list; the file is unchanged', async () => {
    mkdirSync(dirname(goneCert), { recursive: true });
    copyFileSync(second.certs.clientCert, goneCert);
    const changed = recordEvents(client, 'engines.changed');
    const { engine } = await client.call('engines.retry', { engine: 'cert-gone' });
    expect(engine).toMatchObject({ id: 'cert-gone', name: 'Cert gone' });
    await until('the retried engine connected', () =>
      changed.find((s) => s.id === 'cert-gone' && s.state === 'connected'),
    );
    const { notLoaded } = await client.call('engines.list', {});
    expect(notLoaded).toEqual([]);
    expect(readFileSync(enginesPath, 'utf8')).toBe(fileOf([good, certGone]));
    const listing = await client.call('containers.list', { engine: 'cert-gone' });
    expect(listing.engines[0]!.error).toBeUndefined();
  });
});

describe('Remove of the start-up engine whose id a saved engine wanted', () => {
  let startUp: Awaited<ReturnType<typeof startServeSession>>;
  const shadowedPath = join(configDir, 'shadowed.json');

  beforeAll(async () => {
    writeFileSync(shadowedPath, fileOf([shadowed]), { mode: 0o600 });
    startUp = await startServeSession('not-loaded-start-up', { enginesPath: shadowedPath });
  });

  afterAll(async () => {
    await startUp?.close();
  });

  it('removes the start-up engine only: the saved profile stays in the file and not loaded', async () => {
    const { client: c } = startUp;
    const removed = recordEvents(c, 'engines.removed');
    const notLoaded = recordEvents(c, 'engines.notLoaded');
    // Not one added here: it comes back at the next start.
    expect(await c.call('engines.remove', { engine: 'local' })).toEqual({ saved: false });
    await until('the removal heard', () => removed[0]);
    expect(removed).toEqual([{ id: 'local' }]);
    expect(readFileSync(shadowedPath, 'utf8')).toBe(fileOf([shadowed]));
    const listed = await c.call('engines.list', {});
    expect(listed.engines.map((e) => e.id)).toEqual([]);
    expect(listed.notLoaded.map((e) => [e.id, e.error.code])).toEqual([['local', 'CONFLICT']]);
    expect(notLoaded).toEqual([]);
  });

  it('its id free, the saved engine loads on Retry, and is then removed from the file as any saved one', async () => {
    const { client: c } = startUp;
    const changed = recordEvents(c, 'engines.changed');
    const { engine } = await c.call('engines.retry', { engine: 'local' });
    expect(engine).toMatchObject({ id: 'local', name: 'Shadowed' });
    // The second daemon now answers as `local`.
    await until('the saved engine connected', () =>
      changed.find((s) => s.id === 'local' && s.state === 'connected'),
    );
    const info = await second.docker.info();
    expect((await c.call('engines.list', {})).engines[0]!.dockerId).toBe(info.ID);
    expect(await c.call('engines.remove', { engine: 'local' })).toEqual({ saved: true });
    expect(readFileSync(shadowedPath, 'utf8')).toBe(fileOf([]));
  });
});
