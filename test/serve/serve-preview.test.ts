import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../src-core/api/client';
import { PREVIEW_RANDOM } from '../../src-core/api/containers';
import { escapeForName } from '../../src-core/realm/escape';
import { RUNINFO } from '../../src-core/realm/labels';
import { bindsOf } from '../support/container-binds';
import { contractFailure } from '../support/contract-calls';
import { IMAGES } from '../support/fixture-images';
import { startServeSession } from '../support/serve-session';

let session: Awaited<ReturnType<typeof startServeSession>>;
let env: typeof session.env;
let client: ContractClient;
const hostDir = mkdtempSync(join(tmpdir(), 'remoteapp-preview-'));
const missing = join(hostDir, 'not-there');

beforeAll(async () => {
  session = await startServeSession('preview');
  ({ env, client } = session);
});

afterAll(async () => {
  await session?.close();
  rmSync(hostDir, { recursive: true, force: true });
});

const settings = {
  engine: 'local',
  image: IMAGES.webapp,
  volumes: [
    { source: hostDir, target: '/data', mode: 'ro' as const },
    { source: missing, target: '/scratch', mode: 'rw' as const },
  ],
  environment: { GREETING: 'hello', JPY_USER: 'mallory' },
};

/** The preview's placeholders filled in with what the start drew. */
function filled(value: string, urlId: string): string {
  return value.replaceAll(PREVIEW_RANDOM.urlId, urlId);
}

describe('containers.preview: exactly what a launch creates, and nothing created', () => {
  it('gives each user the name pattern, labels, environment and binds, flagging the missing source', async () => {
    const before = env.counter.calls().length;
    const { containers } = await client.call('containers.preview', {
      ...settings,
      users: ['alice', 'bob@example.org'],
    });
    expect(containers.map((c) => c.engine)).toEqual(['local', 'local']);
    expect(containers.map((c) => c.user)).toEqual(['alice', 'bob@example.org']);
    const [alice, bob] = containers;
    expect(alice!.namePrefix).toBe(`${escapeForName(env.realm)}-alice-${alice!.mappingId}`);
    expect(bob!.namePrefix).toContain('-bob_40example.org-');
    expect(alice!.nameSuffix).toBe(PREVIEW_RANDOM.nameSuffix);
    expect(alice!.labels).toEqual({
      [RUNINFO.user]: 'alice',
      [RUNINFO.mappingId]: alice!.mappingId,
      [RUNINFO.urlId]: PREVIEW_RANDOM.urlId,
      [RUNINFO.urlpath]: `/user/alice/containers/${PREVIEW_RANDOM.urlId}`,
      [RUNINFO.realm]: env.realm,
    });
    // The caller's JPY_USER never overrides the user's own.
    expect(bob!.environment).toMatchObject({
      GREETING: 'hello',
      JPY_USER: 'bob@example.org',
      USER: 'bob',
      URL_ID: PREVIEW_RANDOM.urlId,
    });
    expect(alice!.binds).toEqual([
      { source: hostDir, target: '/data', mode: 'ro', exists: true },
      { source: missing, target: '/scratch', mode: 'rw', exists: false },
    ]);
    expect(alice!.replaces).toBeNull();
    // Reads only: the image, and the users' existing containers.
    const calls = env.counter.calls().slice(before);
    expect(calls.filter((c) => !c.startsWith('GET '))).toEqual([]);
    expect(
      await env.docker.listContainers({
        all: true,
        filters: { label: [`${RUNINFO.realm}=${env.realm}`] },
      }),
    ).toEqual([]);
  });

  it('matches what the launch then creates, and names the container it would replace', async () => {
    const { containers } = await client.call('containers.preview', {
      ...settings,
      users: ['carol'],
    });
    const preview = containers[0]!;
    const launched = await client.call('containers.launch', { ...settings, user: 'carol' });
    const info = await env.docker.getContainer(launched.container.id).inspect();
    const urlId = launched.container.urlId;

    expect(info.Name).toMatch(
      new RegExp(`^/${preview.namePrefix.replace(/\./g, '\\.')}-[a-z]{10}$`),
    );
    expect(info.Config.Labels).toEqual(
      Object.fromEntries(Object.entries(preview.labels).map(([k, v]) => [k, filled(v, urlId)])),
    );
    for (const [key, value] of Object.entries(preview.environment))
      expect(info.Config.Env).toContain(`${key}=${filled(value, urlId)}`);
    expect(bindsOf(info)).toEqual(
      preview.binds.filter((b) => b.exists).map((b) => `${b.source}:${b.target}:${b.mode}`),
    );
    expect(launched.skippedVolumes).toEqual(
      preview.binds
        .filter((b) => !b.exists)
        .map(({ source, target, mode }) => ({ source, target, mode })),
    );

    const again = await client.call('containers.preview', { ...settings, users: ['carol'] });
    expect(again.containers[0]!.replaces).toBe(launched.container.id);
  });

  it('refuses what a launch refuses, naming the field', async () => {
    const refusal = (request: object) =>
      contractFailure(client.call('containers.preview', request as never));
    expect(
      await refusal({ ...settings, users: ['dave'], image: 'remoteapp-test/absent:1' }),
    ).toMatchObject({
      code: 'IMAGE_NOT_FOUND',
      details: { field: 'image' },
    });
    expect(await refusal({ ...settings, users: ['dave', 'eve\u0007'] })).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'users[1]' },
    });
    expect(
      await refusal({
        ...settings,
        users: ['dave'],
        volumes: [{ source: 'rel', target: '/d', mode: 'ro' }],
      }),
    ).toMatchObject({ code: 'VALIDATION', details: { field: 'volumes[0].source' } });
    expect(await refusal({ ...settings, users: [] })).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'users' },
    });
  });
});
