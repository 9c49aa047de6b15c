import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, ContractError } from '../../src-core/api/client';
import { createHost } from '../../src-core/host/host';
import { contractHandlers } from '../../src-core/host/handlers';
import { directUrls } from '../../src-core/host/container-urls';
import { inProcessTransport } from '../../src-core/host/in-process-transport';
import { IMAGES } from '../support/fixture-images';
import { startTestCore } from '../support/test-core';

let env: Awaited<ReturnType<typeof startTestCore>>;
const peer = { transport: 'in-process', label: 'test' } as const;

beforeAll(async () => {
  env = await startTestCore('host');
});

afterAll(async () => {
  await env?.close();
});

describe('the host, whatever the transport', () => {
  it('refuses every call on a closed session', async () => {
    const session = env.core.host.open(peer, () => {});
    session.close();
    expect(await session.invoke('engines.list', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
  });

  it('turns an answer that breaks the contract into INTERNAL, never passes it on', async () => {
    const services = { engines: env.core.engines, launcher: env.core.launcher, urls: directUrls };
    const handlers = contractHandlers(services);
    const host = createHost(services, {
      ...handlers,
      'engines.list': async () => ({ engines: [{ id: 'local', secret: 'x' }] }) as never,
    });
    const reply = await host.open(peer, () => {}).invoke('engines.list', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(reply)).not.toContain('secret');
    host.close();
  });

  it('turns an unexpected failure into INTERNAL with its message', async () => {
    const services = { engines: env.core.engines, launcher: env.core.launcher, urls: directUrls };
    const host = createHost(services, {
      ...contractHandlers(services),
      'engines.list': async () => {
        throw new TypeError('boom');
      },
    });
    const reply = await host.open(peer, () => {}).invoke('engines.list', {});
    expect(reply).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Unexpected failure: boom', details: {} },
    });
    host.close();
  });

  it('keeps a session log follows to itself, and refuses a follow id in use', async () => {
    const transport = inProcessTransport(env.core.host, peer);
    const client = createClient(transport);
    const { container } = await client.call('containers.launch', {
      engine: 'local',
      user: 'follower',
      image: IMAGES.webapp,
    });
    const otherEnds: unknown[] = [];
    const other = createClient(inProcessTransport(env.core.host, peer));
    other.on('containers.logEnd', (e) => otherEnds.push(e));
    await client.call('containers.logs', {
      engine: 'local',
      id: container.id,
      followId: 'f',
      tail: 0,
    });
    // The same follow id again, in the same session, is refused while it runs.
    const again = await client
      .call('containers.logs', { engine: 'local', id: container.id, followId: 'f' })
      .catch((e: ContractError) => e);
    expect(again).toMatchObject({ code: 'CONFLICT', details: { field: 'followId' } });
    client.close();
    // The follow's end (the container stops below) reaches neither the closed session nor another one.
    await other.call('containers.stop', { targets: [{ engine: 'local', id: container.id }] });
    expect(otherEnds).toEqual([]);
    other.close();
  });

  it('reports an engine that is not registered against the request field', async () => {
    const client = createClient(inProcessTransport(env.core.host, peer));
    for (const call of [
      client.call('containers.list', { engine: 'elsewhere' }),
      client.call('images.list', { engine: 'elsewhere' }),
      client.call('containers.launch', { engine: 'elsewhere', user: 'a', image: IMAGES.webapp }),
      client.call('containers.url', { engine: 'elsewhere', id: 'abc' }),
    ])
      expect(await call.catch((e: ContractError) => e)).toMatchObject({
        code: 'NOT_FOUND',
        details: { field: 'engine' },
      });
    client.close();
  });
});
