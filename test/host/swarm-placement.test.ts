import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src-core/host/host';
import { startCore, type Core } from '../../src-core/host/start-core';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { hostCalls } from '../support/host-calls';
import { startSwarm, type TestSwarm } from '../support/swarm';
import { until } from '../support/until';

/**
 * A launch's resources and placement through the contract, on a Swarm
 * engine of a private two-node Swarm: the preview's service spec, then the
 * service Swarm made of it, limited, reserved and placed as asked.
 */
const MIB = 1024 ** 2;
const realm = `t-placement-${Date.now().toString(36)}`;
let swarm: TestSwarm;
let core: Core;
let session: Session;
const { call } = hostCalls(() => session);

beforeAll(async () => {
  swarm = await startSwarm({ images: [IMAGES.webapp] });
  core = await startCore({
    realm,
    profiles: [{ kind: 'socket', id: 'swarm', path: swarm.manager.socketPath }],
    catalogPath: null,
  });
  session = core.host.open({ transport: 'in-process', label: 'test' }, () => {});
  await until('the Swarm engine connected', async () => {
    const { engines } = await call('engines.list', {});
    return engines[0]?.state === 'connected' || undefined;
  });
}, 120_000);

afterAll(async () => {
  session?.close();
  await core?.close();
  await swarm?.close();
}, 60_000);

describe("a launch's resources and placement on a Swarm engine", () => {
  it('previews the service spec, and the service lands on the worker, limited and reserved', async () => {
    const asked = {
      engine: 'swarm',
      image: IMAGES.webapp,
      cpus: 0.5,
      memory: 64 * MIB,
      constraints: ['node.role==worker'],
    };
    const resources = {
      Limits: { NanoCPUs: 5e8, MemoryBytes: 64 * MIB },
      Reservations: { NanoCPUs: 5e8, MemoryBytes: 64 * MIB },
    };

    const { containers } = await call('containers.preview', { ...asked, users: ['ann'] });
    const [preview] = containers;
    expect(preview!.resources).toEqual({ cpus: 0.5, memoryBytes: 64 * MIB });
    expect(preview!.service).toMatchObject({
      TaskTemplate: { Resources: resources, Placement: { Constraints: ['node.role==worker'] } },
    });

    // Two in turn: Swarm spreads, so without the constraint the second would go to the manager.
    const ann = (await call('containers.launch', { ...asked, user: 'ann' })).container;
    const bob = (await call('containers.launch', { ...asked, user: 'bob' })).container;
    expect([ann.node, bob.node]).toEqual([swarm.worker.hostname, swarm.worker.hostname]);
    const service = await swarm.manager.docker.getService(ann.service!).inspect();
    expect(service.Spec.TaskTemplate.Resources).toEqual(resources);
    expect(service.Spec.TaskTemplate.Placement.Constraints).toEqual(['node.role==worker']);

    // The task's container runs on the worker's own dockerd, with the limits.
    const [task] = await swarm.worker.docker.listContainers({
      filters: { label: [`${RUNINFO.user}=ann`, `${RUNINFO.realm}=${realm}`] },
    });
    const { HostConfig } = await swarm.worker.docker.getContainer(task!.Id).inspect();
    expect([HostConfig.NanoCpus, HostConfig.Memory]).toEqual([5e8, 64 * MIB]);

    const { results } = await call('containers.stop', {
      targets: [ann, bob].map(({ id }) => ({ engine: 'swarm', id })),
    });
    expect(results).toMatchObject([
      { ok: true, removed: true },
      { ok: true, removed: true },
    ]);
  }, 120_000);
});
