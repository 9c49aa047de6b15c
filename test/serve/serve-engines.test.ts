import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import type { Request } from '../../src-core/api/contract';
import { startCore } from '../../src-core/host/start-core';
import { freePort } from '../support/free-port';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { startServeSession } from '../support/serve-session';
import { until } from '../support/until';
import { contractFailure, recordEvents } from '../support/contract-calls';

type Profile = Request<'engines.test'>['profile'];

let session: Awaited<ReturnType<typeof startServeSession>>;
let env: typeof session.env;
let second: SecondEngine;
let client: ContractClient;
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-engines-'));
const enginesPath = join(configDir, 'engines.json');

beforeAll(async () => {
  [session, second] = await Promise.all([
    startServeSession('engines', { enginesPath }),
    startSecondEngine('engin'),
  ]);
  ({ env, client } = session);
});

afterAll(async () => {
  await session?.close();
  await second?.close();
  rmSync(configDir, { recursive: true, force: true });
});

/** The local engine as the operator would type it: its socket path (or its TCP address). */
function localProfile(): Profile {
  const host = inject('dockerHost');
  if (host.startsWith('unix://'))
    return { kind: 'socket', id: 'here', path: host.slice('unix://'.length) };
  const url = new URL(host.replace(/^tcp:/, 'http:'));
  return { kind: 'tcp', id: 'here', host: url.hostname, port: Number(url.port) };
}

const tlsProfile = (ca = second.certs.ca): Extract<Profile, { kind: 'tcp' }> => ({
  kind: 'tcp',
  id: 'second-tls',
  name: 'Second over TLS',
  host: '127.0.0.1',
  port: second.tlsPort,
  tls: { ca, cert: second.certs.clientCert, key: second.certs.clientKey },
});

describe('engines.test: connect once with a profile, without adding it', () => {
  it('reports the local engine: Docker version, API version and latency', async () => {
    const probe = await client.call('engines.test', { profile: localProfile() });
    expect(probe.id).toBe('here');
    expect(probe.dockerVersion).toMatch(/^\d+\.\d+/);
    expect(probe.apiVersion).toMatch(/^1\.\d+$/);
    expect(probe.latencyMs).toBeGreaterThanOrEqual(0);
    expect(probe.dockerId).toMatch(/\S/);
    // Tested, not added.
    const { engines } = await client.call('engines.list', {});
    expect(engines.map((e) => e.id)).toEqual(['local']);
  });

  it('reaches the second dockerd over TLS with the certificate files named by path', async () => {
    const probe = await client.call('engines.test', { profile: tlsProfile() });
    expect(probe).toMatchObject({
      endpoint: `tcp+tls://127.0.0.1:${second.tlsPort}`,
      name: 'Second over TLS',
    });
    const info = (await second.docker.info()) as { ID: string };
    expect(probe.dockerId).toBe(info.ID);
  });

  it('a refused port: ENGINE_UNREACHABLE naming the engine and the cause', async () => {
    const port = await freePort();
    const error = await contractFailure(
      client.call('engines.test', {
        profile: { kind: 'tcp', name: 'Nobody home', host: '127.0.0.1', port },
      }),
    );
    expect(error.code).toBe('ENGINE_UNREACHABLE');
    expect(error.message).toContain('Nobody home');
    expect(error.message).toContain(`tcp://127.0.0.1:${port}`);
    expect(error.details.cause).toBe('ECONNREFUSED');
  });

  it('a CA that did not sign the daemon: ENGINE_UNREACHABLE with the certificate cause', async () => {
    const error = await contractFailure(
      client.call('engines.test', { profile: tlsProfile(second.certs.otherCa) }),
    );
    expect(error.code).toBe('ENGINE_UNREACHABLE');
    expect(error.message).toContain('Second over TLS');
    expect(String(error.details.cause)).toMatch(/CERT|SIGN|VERIFY|ISSUER/i);
  });

  it('refuses a missing file, a half client pair, a bad fingerprint, a passphrase: VALIDATION naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...tlsProfile(), tls: { ca: join(configDir, 'no-such-ca.pem') } }, 'profile.tls.ca'],
      [
        { ...tlsProfile(), tls: { ca: second.certs.ca, cert: second.certs.clientCert } },
        'profile.tls.key',
      ],
      [
        { kind: 'ssh', host: 'localhost', user: 'ops', fingerprint: 'MD5:aa' },
        'profile.fingerprint',
      ],
      [
        { kind: 'ssh', host: 'localhost', user: 'ops', keyFile: '/nonexistent/id' },
        'profile.keyFile',
      ],
      [
        { kind: 'ssh', host: 'localhost', user: 'ops', passphrase: 'hunter2' },
        'profile.passphrase',
      ],
      [{ kind: 'tcp', host: '127.0.0.1', port: 70000 }, 'profile.port'],
      [{ kind: 'ftp', host: '127.0.0.1' }, 'profile.kind'],
      [{ kind: 'context', context: 'no-such-context', configDir }, 'profile.context'],
    ];
    for (const [profile, field] of cases) {
      const error = await contractFailure(client.call('engines.test', { profile } as never));
      expect(error.code, field).toBe('VALIDATION');
      expect(error.details.field, JSON.stringify(profile)).toBe(field);
      expect(error.message).toContain(field);
    }
  });
});

describe('engines.add and engines.remove', () => {
  it('adds the TLS engine: it connects, every session hears of it, and its profile is kept without secrets', async () => {
    const changed = recordEvents(client, 'engines.changed');
    const { engine } = await client.call('engines.add', { profile: tlsProfile() });
    expect(engine).toMatchObject({ id: 'second-tls', name: 'Second over TLS' });
    expect(changed.some((s) => s.id === 'second-tls')).toBe(true);
    const connected = await until('the added engine connected', async () => {
      const { engines } = await client.call('engines.list', {});
      return engines.find((e) => e.id === 'second-tls' && e.state === 'connected');
    });
    expect(connected.apiVersion).toMatch(/^1\.\d+$/);

    const text = readFileSync(enginesPath, 'utf8');
    expect(JSON.parse(text)).toEqual({ engines: [tlsProfile()] });
    expect(text).not.toContain('BEGIN');
    expect(statSync(enginesPath).mode & 0o777).toBe(0o600);
  });

  it('refuses the same id twice, and a profile whose files cannot be read, adding nothing', async () => {
    const twice = await contractFailure(client.call('engines.add', { profile: tlsProfile() }));
    expect(twice).toMatchObject({ code: 'CONFLICT', details: { field: 'profile.id' } });
    const unreadable = await contractFailure(
      client.call('engines.add', {
        profile: { ...tlsProfile(), id: 'broken', tls: { ca: join(configDir, 'gone.pem') } },
      }),
    );
    expect(unreadable).toMatchObject({ code: 'VALIDATION', details: { field: 'profile.tls.ca' } });
    const { engines } = await client.call('engines.list', {});
    expect(engines.map((e) => e.id)).toEqual(['local', 'second-tls']);
    expect(JSON.parse(readFileSync(enginesPath, 'utf8')).engines).toHaveLength(1);
  });

  it('brings the added engine back at the next start from the same file', async () => {
    const next = await startCore({ realm: env.realm, profiles: [], enginesPath });
    try {
      expect(next.engines.statuses()).toEqual([
        expect.objectContaining({ id: 'second-tls', state: 'connected' }),
      ]);
    } finally {
      await next.close();
    }
  });

  it('removes it: gone from the list, from every session and from the file', async () => {
    const removed = recordEvents(client, 'engines.removed');
    expect(await client.call('engines.remove', { engine: 'second-tls' })).toEqual({ saved: true });
    expect(removed).toEqual([{ id: 'second-tls' }]);
    const { engines } = await client.call('engines.list', {});
    expect(engines.map((e) => e.id)).toEqual(['local']);
    expect(JSON.parse(readFileSync(enginesPath, 'utf8'))).toEqual({ engines: [] });
    const unknown = await contractFailure(client.call('engines.remove', { engine: 'second-tls' }));
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', details: { field: 'engine' } });
  });
});
