import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src-core/catalog/catalog';
import { launchGrants } from '../../src-core/catalog/grant-launcher';
import { EngineRegistry } from '../../src-core/engines/engine-registry';
import { Launcher } from '../../src-core/engines/launcher';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { watchRegistry } from '../support/registry-watch';
import { startSwarm, type TestSwarm } from '../support/swarm';
import { scratch } from './catalog-files';

const realm = `t-grant-swarm-${Date.now().toString(36)}`;
let swarm: TestSwarm;
const registry = new EngineRegistry({ realm, stopTimeoutSeconds: 1 });
const watch = watchRegistry(registry);
const files = scratch();
const catalog = Catalog.openFile(files.path('swarm.db'));

beforeAll(async () => {
  swarm = await startSwarm({ images: [IMAGES.webapp] });
  registry.add({ kind: 'socket', id: 'swarm', path: swarm.manager.socketPath });
  await watch.state('swarm', 'connected');
}, 120_000);

afterAll(async () => {
  catalog.close();
  watch.stop();
  await registry.close();
  await swarm?.close();
  files.remove();
}, 60_000);

describe("a grant's placement, launched on a Swarm engine", () => {
  it("runs a grant constrained to workers on the worker, with the policy's CPUs and memory", async () => {
    catalog.addUser('ann');
    catalog.addApplication(IMAGES.webapp);
    const { grant } = catalog.addGrant({
      user: 'ann',
      image: IMAGES.webapp,
      policy: {
        appLicense: null,
        allowHome: false,
        allowView: false,
        allowCommon: false,
        volume: null,
        allowStartupData: false,
        cpus: 0.5,
        memoryBytes: 64 * 1024 ** 2,
        constraints: ['node.role==worker'],
      },
    });
    const [outcome] = await launchGrants(
      catalog,
      { launcher: new Launcher(registry), choice: 'swarm' },
      [grant.id],
    );
    expect(outcome).toMatchObject({ state: 'running', engine: 'swarm' });

    const row = await watch.until(
      "ann's row running",
      () => watch.containers('swarm').find((r) => r.user === 'ann' && r.state === 'running'),
      30_000,
    );
    // Where Swarm put it, and why: `docker service inspect` shows the constraint.
    expect(row.node).toBe(swarm.worker.hostname);
    const [service] = await swarm.manager.docker.listServices({
      filters: { label: [`${RUNINFO.mappingId}=${grant.id}`] },
    });
    expect(service!.Spec!.TaskTemplate!.Placement!.Constraints).toEqual(['node.role==worker']);
    const [task] = await swarm.worker.docker.listContainers({
      filters: { label: [`${RUNINFO.mappingId}=${grant.id}`] },
    });
    const { HostConfig } = await swarm.worker.docker.getContainer(task!.Id).inspect();
    expect([HostConfig.NanoCpus, HostConfig.Memory]).toEqual([500_000_000, 67108864]);

    await registry.manager('swarm').stopAndRemoveContainer(row.id);
  }, 90_000);
});
