import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import type { ContainerView } from '../../src-core/api/containers';
import { RUNINFO } from '../../src-core/realm/labels';
import { contractFailure, recordEvents } from '../support/contract-calls';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';
import { IMAGES } from '../support/fixture-images';
import { freePort } from '../support/free-port';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { startServeSession } from '../support/serve-session';
import { until } from '../support/until';

/**
 * Relaunch after a daemon restart, in serve mode with the embedded proxy, on
 * a dockerd of this file's own (its data root, its socket): the shared test
 * engine is never restarted.
 */
let second: SecondEngine;
let session: Awaited<ReturnType<typeof startServeSession>>;
let client: ContractClient;
let realm: string;

const MIB = 1024 * 1024;

beforeAll(async () => {
  second = await startSecondEngine('rlnch');
  session = await startServeSession('relaunch', {
    profiles: [{ kind: 'socket', id: 'second', name: 'Second', path: second.socketPath }],
    proxy: { settings: embeddedProxySettings(await freePort()) },
  });
  ({ client } = session);
  realm = session.env.realm;
  await engineConnected();
});

afterAll(async () => {
  await session?.close();
  await second?.close();
});

function engineConnected() {
  return until('the second engine connected', async () => {
    const { engines } = await client.call('engines.list', {});
    return engines[0]?.state === 'connected' || undefined;
  });
}

async function listed(): Promise<ContainerView[]> {
  const { engines } = await client.call('containers.list', { engine: 'second' });
  return engines[0]!.containers;
}

/** What a relaunch keeps of a container, as Docker itself reports it. */
function kept(info: Docker.ContainerInspectInfo) {
  const labels = info.Config.Labels;
  return {
    user: labels[RUNINFO.user],
    mappingId: labels[RUNINFO.mappingId],
    image: info.Config.Image,
    // URL_ID is new with each container; every other variable stays.
    env: info.Config.Env.filter((e) => !e.startsWith('URL_ID=')).sort(),
    binds: info.Mounts.map((m) => `${m.Source}:${m.Destination}:${m.RW ? 'rw' : 'ro'}`).sort(),
    memory: info.HostConfig.Memory,
  };
}

/** A container made the way simphony-remote makes them: legacy Binds, its url id, a limit of another tool's. */
async function seedContainer(source: string): Promise<string> {
  const created = await second.docker.createContainer({
    name: `${realm}-dora-seedmap-abcdefghij`,
    Image: IMAGES.webapp,
    Env: [
      'SEED_VAR=from the seed',
      'JPY_USER=dora',
      'JPY_BASE_USER_URL=/user/dora',
      'USER=user',
      'URL_ID=webapp:1',
    ],
    Labels: {
      [RUNINFO.user]: 'dora',
      [RUNINFO.mappingId]: 'seedmap',
      [RUNINFO.urlId]: 'webapp:1',
      [RUNINFO.urlpath]: '/user/dora/containers/webapp:1',
      [RUNINFO.realm]: realm,
    },
    ExposedPorts: { '8888/tcp': {} },
    HostConfig: {
      Binds: [`${source}:/data:ro`],
      PortBindings: { '8888/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
      Memory: 64 * MIB,
    },
  });
  await created.start();
  return created.id;
}

describe('relaunch after the daemon restarted', () => {
  it('brings the 4 exited containers back, as they were, each answering through the proxy', async () => {
    const home = join(second.dir, 'home-ann');
    const shared = join(second.dir, 'shared');
    for (const dir of [home, shared]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(shared, 'readme.txt'), 'shared\n');
    await client.call('containers.launch', {
      engine: 'second',
      user: 'ann',
      image: IMAGES.webapp,
      mappingId: 'grant-a',
      environment: { GREETING: 'hello ann' },
      volumes: [{ source: home, target: '/workspace', mode: 'rw' }],
    });
    await client.call('containers.launch', {
      engine: 'second',
      user: 'bob@example.org',
      image: IMAGES.labeled,
      mappingId: 'grant-b',
      baseUrlpath: '/hub/user/bob',
      environment: { X11_WIDTH: '1024' },
      volumes: [{ source: shared, target: '/shared', mode: 'ro' }],
    });
    await client.call('containers.launch', {
      engine: 'second',
      user: 'cleo',
      image: IMAGES.webapp,
      mappingId: 'grant-c',
    });
    await seedContainer(shared);
    const before = await listed();
    expect(before.map((c) => c.state)).toEqual(['running', 'running', 'running', 'running']);
    const was = new Map<string, ReturnType<typeof kept>>();
    for (const c of before)
      was.set(c.mappingId, kept(await second.docker.getContainer(c.id).inspect()));

    await second.stopDaemon();
    await second.startDaemon();
    await engineConnected();
    const exited = await until('the 4 listed as exited', async () => {
      const list = await listed();
      return list.length === 4 && list.every((c) => c.state === 'exited') ? list : undefined;
    });
    expect(exited.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());

    const progress = recordEvents(client, 'operations.progress');
    const { results, unreachable } = await client.call('containers.relaunch', {
      allExited: true,
      operationId: 'relaunch-all',
    });
    expect(unreachable).toEqual([]);
    expect(results.map((r) => [r.ok, r.engine])).toEqual(Array(4).fill([true, 'second']));
    expect(results.map((r) => r.id).sort()).toEqual(before.map((c) => c.id).sort());

    const after = await listed();
    expect(after.map((c) => c.state)).toEqual(['running', 'running', 'running', 'running']);
    // New containers in place of the old, one each.
    expect(after.filter((c) => before.some((b) => b.id === c.id))).toEqual([]);
    expect(after.map((c) => c.mappingId).sort()).toEqual([
      'grant-a',
      'grant-b',
      'grant-c',
      'seedmap',
    ]);
    for (const c of after) {
      const now = kept(await second.docker.getContainer(c.id).inspect());
      expect(now, c.mappingId).toEqual(was.get(c.mappingId));
    }
    expect(was.get('seedmap')).toMatchObject({
      env: expect.arrayContaining(['SEED_VAR=from the seed']),
      binds: [`${shared}:/data:ro`],
      memory: 64 * MIB,
    });

    // Each answers through the embedded proxy, at its (new) url, as its user with its variables.
    const { origin } = await client.call('proxy.status', {});
    const pages: Record<string, string> = {};
    for (const r of results) {
      if (!r.ok) continue;
      expect(r.container.url!.startsWith(`${origin}/`)).toBe(true);
      const response = await fetch(r.container.url!);
      expect(response.status).toBe(200);
      pages[r.container.mappingId] = await response.text();
    }
    expect(pages['grant-a']).toMatch(/^JPY_USER=ann$/m);
    expect(pages['grant-a']).toMatch(/^GREETING=hello ann$/m);
    expect(pages['grant-b']).toMatch(/^JPY_BASE_USER_URL=\/hub\/user\/bob$/m);
    expect(pages['grant-b']).toMatch(/^X11_WIDTH=1024$/m);
    expect(pages['grant-c']).toMatch(/^JPY_USER=cleo$/m);
    expect(pages.seedmap).toMatch(/^SEED_VAR=from the seed$/m);

    const steps = progress.filter((p) => p.operationId === 'relaunch-all');
    expect(steps.map((p) => [p.kind, p.done, p.total])).toEqual([
      ['relaunch', 1, 4],
      ['relaunch', 2, 4],
      ['relaunch', 3, 4],
      ['relaunch', 4, 4],
    ]);
    const { entries } = await client.call('catalog.audit', { search: 'container.relaunch' });
    expect(entries.map((e) => [e.result, e.engine]).sort()).toEqual(
      Array(4).fill(['ok', 'second']),
    );
    expect(entries.map((e) => e.target).sort()).toEqual([
      `ann ${IMAGES.webapp}`,
      `bob@example.org ${IMAGES.labeled}`,
      `cleo ${IMAGES.webapp}`,
      `dora ${IMAGES.webapp}`,
    ]);
  }, 240_000);

  it("refuses another realm's container, leaving it as it was", async () => {
    const foreign = await second.docker.createContainer({
      Image: IMAGES.webapp,
      Labels: { [RUNINFO.realm]: 'elsewhere', [RUNINFO.user]: 'eve', [RUNINFO.mappingId]: 'm' },
    });
    const { results } = await client.call('containers.relaunch', {
      targets: [{ engine: 'second', id: foreign.id }],
    });
    expect(results).toEqual([
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'REALM_VIOLATION' }),
      }),
    ]);
    const info = await foreign.inspect();
    expect(info.State.Status).toBe('created');
    const { entries } = await client.call('catalog.audit', { search: foreign.id.slice(0, 12) });
    expect(entries.map((e) => [e.action, e.result])).toEqual([['container.relaunch', 'error']]);
  });

  it('refuses a request naming both containers and all exited, or neither, with VALIDATION on targets', async () => {
    for (const request of [{ targets: [{ engine: 'second', id: 'abc' }], allExited: true }, {}]) {
      const error = await contractFailure(client.call('containers.relaunch', request as never));
      expect(error.code).toBe('VALIDATION');
      expect(error.details.field).toBe('targets');
    }
  });
});
