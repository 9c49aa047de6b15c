import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDockerHost } from '../../src-core/docker/docker-host';
import { EngineRegistry } from '../../src-core/engines/engine-registry';
import { ContainerManager } from '../../src-core/realm/container-manager';
import { RUNINFO } from '../../src-core/realm/labels';
import type { VolumeSpec } from '../../src-core/realm/start-request';
import { bindsOf } from '../support/container-binds';
import { startRequestCounter } from '../support/docker-request-count';
import { startDockerRequestHook } from '../support/docker-request-hook';
import { IMAGES } from '../support/fixture-images';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { testRealm } from '../support/test-realm';

const t = testRealm('binds');
const hostDir = mkdtempSync(join(tmpdir(), 'remoteapp-binds-'));
let second: SecondEngine;
let registry: EngineRegistry;

beforeAll(async () => {
  // Its own mount namespace: under `shadowed`, it and this process see different files.
  second = await startSecondEngine('binds', { ownMounts: true });
  registry = new EngineRegistry({ realm: t.realm, stopTimeoutSeconds: 2 });
});

afterAll(async () => {
  await registry?.close();
  await t.cleanup();
  await second?.close();
  rmSync(hostDir, { recursive: true, force: true });
});

/** Runs a command in a container; its exit code and what it printed. */
async function run(docker: Docker, id: string, cmd: string[]) {
  const exec = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true });
  const stream = await exec.start({});
  const chunks: Buffer[] = [];
  await new Promise((resolve) =>
    stream.on('data', (c: Buffer) => chunks.push(c)).on('end', resolve),
  );
  return { code: (await exec.inspect()).ExitCode, out: Buffer.concat(chunks).toString('latin1') };
}

async function realmContainers(docker: Docker): Promise<string[]> {
  const all = await docker.listContainers({
    all: true,
    filters: { label: [`${RUNINFO.realm}=${t.realm}`] },
  });
  return all.map((c) => c.Id);
}

describe('bind sources are looked up where the engine runs', () => {
  it('on a remote engine, mounts a path only it has and skips one only the core has', async () => {
    const engineOnly = join(second.shadowed, 'engine-only');
    const coreOnly = join(second.shadowed, 'core-only');
    second.inDaemonMounts([
      'sh',
      '-c',
      `mkdir ${engineOnly} && echo engine-side > ${engineOnly}/who`,
    ]);
    mkdirSync(coreOnly);
    expect(existsSync(engineOnly)).toBe(false);

    registry.add(second.tlsProfile('tls'));
    const manager = registry.manager('tls');
    const volumes: VolumeSpec[] = [
      { source: engineOnly, target: '/engine', mode: 'ro' },
      { source: coreOnly, target: '/core', mode: 'rw' },
    ];
    const request = { user: 'remy', image: IMAGES.webapp, mappingId: 'remote-1', volumes };

    // The core cannot know the remote engine's files: the preview says so, and asks for both.
    const preview = await manager.previewContainer(request);
    expect(preview.binds.map((b) => b.exists)).toEqual([null, null]);
    expect(preview.plan.skippedVolumes).toEqual([]);

    const { container, skippedVolumes } = await manager.startContainer(request);
    expect(skippedVolumes).toEqual([volumes[1]]);
    const info = await second.docker.getContainer(container.id).inspect();
    expect(bindsOf(info)).toEqual([`${engineOnly}:/engine:ro`]);
    expect(info.Mounts).toEqual([
      expect.objectContaining({ Source: engineOnly, Destination: '/engine', RW: false }),
    ]);
    // What the app sees is the engine's file, read-only.
    expect(await run(second.docker, container.id, ['cat', '/engine/who'])).toEqual({
      code: 0,
      out: expect.stringContaining('engine-side'),
    });
    expect((await run(second.docker, container.id, ['touch', '/engine/x'])).code).not.toBe(0);
    // The skipped source was not made on the engine's side, and nothing else was left there.
    expect(() => second.inDaemonMounts(['test', '-e', coreOnly])).toThrow();
    expect(await realmContainers(second.docker)).toEqual([container.id]);
  });

  it('on the local engine, one create when every source exists; one more per missing source, none left', async () => {
    const counter = await startRequestCounter(inject('dockerHost'));
    try {
      const manager = new ContainerManager({
        ...connectDockerHost(`unix://${counter.socketPath}`),
        realm: t.realm,
        localFiles: true,
        stopTimeoutSeconds: 2,
      });
      const creates = () => counter.calls().filter((c) => c.startsWith('POST /containers/create'));
      const present: VolumeSpec = { source: hostDir, target: '/workspace', mode: 'ro' };
      const missing: VolumeSpec[] = ['a', 'b'].map((n) => ({
        source: join(hostDir, `missing-${n}`),
        target: `/data-${n}`,
        mode: 'rw',
      }));

      const first = await manager.startContainer({
        user: 'lola',
        image: IMAGES.webapp,
        mappingId: 'local-1',
        volumes: [present],
      });
      expect(creates()).toHaveLength(1);
      expect(first.skippedVolumes).toEqual([]);

      const preview = await manager.previewContainer({
        user: 'lola',
        image: IMAGES.webapp,
        mappingId: 'local-2',
        volumes: [missing[0]!, present, missing[1]!],
      });
      expect(preview.binds.map((b) => b.exists)).toEqual([false, true, false]);

      const again = await manager.startContainer({
        user: 'lola',
        image: IMAGES.webapp,
        mappingId: 'local-2',
        volumes: [missing[0]!, present, missing[1]!],
      });
      expect(creates()).toHaveLength(4);
      expect(again.skippedVolumes).toEqual(missing);
      const info = await t.docker.getContainer(again.container.id).inspect();
      expect(bindsOf(info)).toEqual([`${hostDir}:/workspace:ro`]);
      // Docker never made the missing sources, as legacy binds would have.
      expect(missing.map((v) => existsSync(v.source))).toEqual([false, false]);
      expect((await realmContainers(t.docker)).sort()).toEqual(
        [first.container.id, again.container.id].sort(),
      );
    } finally {
      await counter.close();
    }
  });

  it('a source gone between the create and the start: VALIDATION naming the volume, nothing left', async () => {
    const vanishing = mkdtempSync(join(hostDir, 'vanishing-'));
    // The directory goes after the engine created the container, before its start reaches it.
    const hook = await startDockerRequestHook(
      inject('dockerHost'),
      /^POST \/containers\/[0-9a-f]+\/start\b/,
      () => rmSync(vanishing, { recursive: true }),
    );
    try {
      const manager = new ContainerManager({
        ...connectDockerHost(`unix://${hook.socketPath}`),
        realm: t.realm,
        localFiles: true,
        stopTimeoutSeconds: 2,
      });
      const failure = await manager
        .startContainer({
          user: 'vera',
          image: IMAGES.webapp,
          mappingId: 'vanish-1',
          volumes: [
            { source: hostDir, target: '/workspace', mode: 'ro' },
            { source: vanishing, target: '/data', mode: 'rw' },
          ],
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(hook.matched).toHaveLength(1);
      expect(failure).toMatchObject({
        code: 'VALIDATION',
        message: `volumes[1].source: "${vanishing}" existed when the container was created but vanished before its start`,
        details: { field: 'volumes[1].source' },
      });
      // The container was removed, and the source was not made again by the engine.
      const left = await t.docker.listContainers({
        all: true,
        filters: { label: [`${RUNINFO.realm}=${t.realm}`, `${RUNINFO.mappingId}=vanish-1`] },
      });
      expect(left).toEqual([]);
      expect(existsSync(vanishing)).toBe(false);
    } finally {
      await hook.close();
    }
  });
});
