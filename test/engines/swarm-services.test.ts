import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCoreError } from '../../src-core/api/errors';
import { EngineRegistry } from '../../src-core/engines/engine-registry';
import { Launcher } from '../../src-core/engines/launcher';
import type { RealmContainer } from '../../src-core/realm/container';
import { RUNINFO } from '../../src-core/realm/labels';
import { writeToLogs } from '../support/container-logs';
import { startRequestCounter } from '../support/docker-request-count';
import { IMAGES } from '../support/fixture-images';
import { watchRegistry } from '../support/registry-watch';
import { startSwarm, unplaceableService, type TestSwarm } from '../support/swarm';
import { until } from '../support/until';

const realm = `t-swarm-${Date.now().toString(36)}`;
let swarm: TestSwarm;
const registry = new EngineRegistry({ realm, stopTimeoutSeconds: 1 });
const watch = watchRegistry(registry);
const launcher = new Launcher(registry);

/** The registry's view of the Swarm engine's realm now. */
const rows = () => watch.containers('swarm');

async function appAnswers(row: RealmContainer): Promise<string> {
  const response = await fetch(`http://${row.ip}:${row.port}${row.urlpath}/`);
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  swarm = await startSwarm({ images: [IMAGES.webapp] });
  registry.add({
    kind: 'socket',
    id: 'swarm',
    path: swarm.manager.socketPath,
    placementTimeoutSeconds: 4,
  });
  await watch.until(
    'the Swarm engine connected',
    () => registry.statuses().find((s) => s.id === 'swarm' && s.state === 'connected'),
    30_000,
  );
}, 120_000);

afterAll(async () => {
  watch.stop();
  await registry.close();
  await swarm?.close();
}, 60_000);

describe('a Swarm manager as an engine', () => {
  it('is recognised, and launches make services there by default', () => {
    const status = registry.statuses().find((s) => s.id === 'swarm')!;
    expect(status.swarm).toEqual({ mode: 'services', nodes: 2, managers: 1 });
  });

  it('runs 6 users as 6 services spread over both nodes, each row with its node, then removes them', async () => {
    const users = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay'];
    const steps = await launcher.launchAll(
      'swarm',
      users.map((user) => ({
        user,
        mappingId: `app-${user}`,
        request: () => ({ user, image: IMAGES.webapp, mappingId: `app-${user}` }),
      })),
    );
    expect(steps.map((s) => s.state)).toEqual(users.map(() => 'running'));

    const services = await swarm.manager.docker.listServices({
      filters: { label: [`${RUNINFO.realm}=${realm}`] },
    });
    expect(services).toHaveLength(6);
    const listed = await until('6 running rows', () => {
      const running = rows().filter((r) => r.state === 'running');
      return running.length === 6 ? running : undefined;
    });
    expect(new Set(listed.map((r) => r.node))).toEqual(
      new Set([swarm.manager.hostname, swarm.worker.hostname]),
    );
    for (const row of listed) {
      expect(row.service).toBe(row.id);
      const node = row.node === swarm.manager.hostname ? swarm.manager : swarm.worker;
      expect(row.ip).toBe(node.address);
      expect(await appAnswers(row)).toContain(`JPY_USER=${row.user}`);
    }

    // simphony-remote's find_container: the labels on the task's own container, on its node.
    const onManager = listed.find((r) => r.node === swarm.manager.hostname)!;
    const found = await swarm.manager.docker.listContainers({
      filters: {
        label: [
          `${RUNINFO.user}=${onManager.user}`,
          `${RUNINFO.mappingId}=${onManager.mappingId}`,
          `${RUNINFO.realm}=${realm}`,
        ],
      },
    });
    expect(found).toHaveLength(1);
    expect(found[0]!.Labels[RUNINFO.urlId]).toBe(onManager.urlId);

    const manager = registry.manager('swarm');
    for (const row of listed)
      expect(await manager.stopAndRemoveContainer(row.id)).toEqual({ id: row.id, removed: true });
    await until(
      'nothing left on either node',
      async () => ((await swarm.leftovers()) ? undefined : true),
      30_000,
      250,
    );
    await until('no rows', () => (rows().length ? undefined : true));
  }, 120_000);

  it('shows a service as the details view does: its labels, environment, task times and logs', async () => {
    const manager = registry.manager('swarm');
    const { container } = await manager.startContainer({
      user: 'kim',
      image: IMAGES.webapp,
      mappingId: 'app',
      environment: { GREETING: 'hello' },
    });
    const details = await manager.inspectContainer(container.id);
    expect(details.labels[RUNINFO.user]).toBe('kim');
    expect(details.env).toContain('GREETING=hello');
    expect(details.startedAt).not.toBeNull();
    expect(details.container.node).toBe(container.node);
    // `docker service logs`: what the app wrote, on whichever node runs its task.
    const node = container.node === swarm.manager.hostname ? swarm.manager : swarm.worker;
    const [task] = await node.docker.listContainers({
      filters: { label: [`${RUNINFO.urlId}=${container.urlId}`] },
    });
    await writeToLogs(node.docker.getContainer(task!.Id), [
      { fd: 1, text: 'hello from kim' },
      { fd: 2, text: 'a warning' },
    ]);
    const logs = await until('the lines in the service logs', async () => {
      const lines = await manager.containerLogs(container.id, 50);
      return lines.length === 2 ? lines : undefined;
    });
    // Two streams read through the manager: their order between them is not kept.
    expect(logs).toEqual(
      expect.arrayContaining([
        { stream: 'stdout', text: 'hello from kim' },
        { stream: 'stderr', text: 'a warning' },
      ]),
    );
    await manager.stopAndRemoveContainer(container.id);
  }, 60_000);

  it('keeps single-host containers on a manager whose profile says so, and refuses services on a worker', async () => {
    registry.add({
      kind: 'socket',
      id: 'plain',
      path: swarm.manager.socketPath,
      mode: 'containers',
    });
    registry.add({ kind: 'socket', id: 'worker', path: swarm.worker.socketPath, mode: 'services' });
    await watch.state('plain', 'connected');
    expect(registry.statuses().find((s) => s.id === 'plain')!.swarm).toEqual({
      mode: 'containers',
      nodes: 2,
      managers: 1,
    });
    const { container } = await registry
      .manager('plain')
      .startContainer({ user: 'lee', image: IMAGES.webapp, mappingId: 'app' });
    expect(container.node ?? null).toBeNull();
    expect(await swarm.manager.docker.listServices()).toEqual([]);

    // A service's task on the manager is the services engine's row, never a plain one.
    const service = await registry.manager('swarm').startContainer({
      user: 'lee',
      image: IMAGES.webapp,
      mappingId: 'svc',
      constraints: ['node.role==manager'],
    });
    const plain = registry.manager('plain');
    expect((await plain.listContainers()).map((c) => c.id)).toEqual([container.id]);
    const [task] = await swarm.manager.docker.listContainers({
      filters: { label: [`${RUNINFO.urlId}=${service.container.urlId}`] },
    });
    const taskStop = await plain.stopAndRemoveContainer(task!.Id).catch((e: unknown) => e);
    expect(isCoreError(taskStop, 'CONFLICT')).toBe(true);
    expect((taskStop as Error).message).toMatch(/runs Swarm task .*stop its service/);
    await registry.manager('swarm').stopAndRemoveContainer(service.container.id);
    await plain.stopAndRemoveContainer(container.id);

    const worker = await watch.state('worker', 'unreachable');
    expect(worker.lastError).toMatch(
      /mode "services" needs a Swarm manager, and this engine is a Swarm worker/,
    );
    const refused = await launcher
      .launch('worker', { user: 'lee', image: IMAGES.webapp, mappingId: 'app' })
      .catch((error: unknown) => error);
    expect(isCoreError(refused, 'ENGINE_UNREACHABLE')).toBe(true);
    expect((refused as Error).message).toMatch(/needs a Swarm manager/);
    await registry.remove('plain');
    await registry.remove('worker');
  }, 60_000);

  it("routes to the address the operator set for a node, in place of Swarm's", async () => {
    registry.add({
      kind: 'socket',
      id: 'linked',
      path: swarm.manager.socketPath,
      nodeAddresses: { [swarm.worker.hostname]: swarm.worker.hostLinkAddress },
    });
    await watch.state('linked', 'connected');
    const manager = registry.manager('linked');
    const { container } = await manager.startContainer({
      user: 'max',
      image: IMAGES.webapp,
      mappingId: 'app',
      constraints: ['node.role==worker'],
    });
    expect(container.ip).toBe(swarm.worker.hostLinkAddress);
    expect(await appAnswers(container)).toContain('JPY_USER=max');
    await manager.stopAndRemoveContainer(container.id);
    await registry.remove('linked');
  }, 60_000);

  it('reads the realm again only while a task moves: the reads stop once every task runs', async () => {
    const counter = await startRequestCounter(swarm.manager.host);
    const quiet = new EngineRegistry({ realm, timing: { heartbeatMs: 600_000 } });
    const quietWatch = watchRegistry(quiet);
    const reads = () => counter.calls().filter((r) => /^GET \/(tasks|services)\b/.test(r)).length;
    /** Waits for 1.5 s without a read of the realm: fails if the reads never stop. */
    const still = (what: string) => {
      let seen = { count: reads(), at: Date.now() };
      return until(
        what,
        () => {
          if (reads() !== seen.count) seen = { count: reads(), at: Date.now() };
          return Date.now() - seen.at >= 1500 ? seen.count : undefined;
        },
        30_000,
        100,
      );
    };
    let pending: { remove(): Promise<unknown> } | undefined;
    try {
      quiet.add({ kind: 'socket', id: 'counted', path: counter.socketPath });
      await quietWatch.state('counted', 'connected');
      const { container } = await quiet
        .manager('counted')
        .startContainer({ user: 'ned', image: IMAGES.webapp, mappingId: 'app' });
      const settled = await still('no read while the service runs');

      // A service that no node can take stays pending: the realm is read again until it goes.
      pending = await unplaceableService(swarm, realm, 'ned', IMAGES.webapp);
      await until('the pending service polled', () => (reads() >= settled + 4 ? true : undefined));
      await pending.remove();
      pending = undefined;
      await quiet.manager('counted').stopAndRemoveContainer(container.id);
      await still('no read once the realm is empty');
    } finally {
      await pending?.remove();
      // Stopping is idempotent: whatever the test got to, nothing of it stays.
      for (const row of quietWatch.containers('counted'))
        await quiet.manager('counted').stopAndRemoveContainer(row.id);
      quietWatch.stop();
      await quiet.close();
      await counter.close();
    }
  }, 90_000);

  it('replaces the service of the same user and mapping id, as the seed replaces a container', async () => {
    const manager = registry.manager('swarm');
    const request = { user: 'gil', image: IMAGES.webapp, mappingId: 'app' };
    const first = await manager.startContainer(request);
    const second = await manager.startContainer(request);
    expect(second.container.id).not.toBe(first.container.id);
    const left = await manager.findContainers({ user: 'gil' });
    expect(left.map((r) => r.id)).toEqual([second.container.id]);
    await manager.stopAndRemoveContainer(second.container.id);
  }, 60_000);

  it('places by constraint, and a reservation that fits no node fails with Swarm reason and leaves nothing', async () => {
    const manager = registry.manager('swarm');
    const onWorker = await manager.startContainer({
      user: 'hal',
      image: IMAGES.webapp,
      mappingId: 'app',
      constraints: ['node.role==worker'],
    });
    expect(onWorker.container.node).toBe(swarm.worker.hostname);
    await manager.stopAndRemoveContainer(onWorker.container.id);

    const seenPending = watch.until(
      'a pending row with Swarm reason',
      () =>
        rows().find((r) => r.user === 'ida' && /insufficient resources on 2 nodes/.test(r.status)),
      10_000,
    );
    const failed = await manager
      .startContainer({
        user: 'ida',
        image: IMAGES.webapp,
        mappingId: 'app',
        resources: { NanoCpus: 64e9 },
      })
      .catch((error: unknown) => error);
    expect(isCoreError(failed, 'TIMEOUT')).toBe(true);
    expect((failed as Error).message).toMatch(
      /within 4 s .*no suitable node \(insufficient resources on 2 nodes\).*removed/,
    );
    expect((await seenPending).state).toBe('created');
    expect(await swarm.leftovers()).toBe(0);
  }, 60_000);

  it('fails a launch whose bind source is missing on the node with the task error, leaving no service', async () => {
    const failed = await registry
      .manager('swarm')
      .startContainer({
        user: 'jo',
        image: IMAGES.webapp,
        mappingId: 'app',
        volumes: [{ source: '/nowhere/at/all', target: '/data', mode: 'ro' }],
      })
      .catch((error: unknown) => error);
    expect(isCoreError(failed)).toBe(true);
    expect((failed as Error).message).toMatch(
      /bind source path does not exist: \/nowhere\/at\/all/,
    );
    await until(
      'no service left',
      async () => ((await swarm.leftovers()) ? undefined : true),
      20_000,
      250,
    );
  }, 60_000);

  it('refuses to stop or show a service of another realm, or one not of simphony-remote', async () => {
    const foreign = await swarm.manager.docker.createService({
      Name: 'foreign',
      Labels: { [RUNINFO.realm]: 'someone-else' },
      TaskTemplate: { ContainerSpec: { Image: IMAGES.webapp } },
    });
    const bare = await swarm.manager.docker.createService({
      Name: 'bare',
      TaskTemplate: { ContainerSpec: { Image: IMAGES.webapp } },
    });
    try {
      const manager = registry.manager('swarm');
      for (const id of [foreign.id as string, bare.id as string]) {
        const refused = await manager.stopAndRemoveContainer(id).catch((e: unknown) => e);
        expect(isCoreError(refused, 'REALM_VIOLATION')).toBe(true);
        const hidden = await manager.inspectContainer(id).catch((e: unknown) => e);
        expect(isCoreError(hidden, 'REALM_VIOLATION')).toBe(true);
      }
      expect((await swarm.manager.docker.listServices()).map((s) => s.Spec?.Name).sort()).toEqual([
        'bare',
        'foreign',
      ]);
      expect(rows().find((r) => ['foreign', 'bare'].includes(r.name))).toBeUndefined();
    } finally {
      await foreign.remove();
      await bare.remove();
    }
  }, 60_000);
});
