import { afterAll, describe, expect, it } from 'vitest';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { logRequests } from '../support/request-log';
import { testRealm } from '../support/test-realm';

const t = testRealm('liststop');
const other = testRealm('other');
afterAll(async () => {
  await t.cleanup([other.realm]);
  await Promise.all(
    foreign.map((id) =>
      t.docker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
});
const foreign: string[] = [];

describe('listing', () => {
  it('lists 200 containers with one Docker API call, the port taken from the list entry', async () => {
    const manager = t.manager();
    const running = await manager.startContainer({
      user: 'lister',
      image: IMAGES.webapp,
      mappingId: 'list-0',
    });
    // Created, never started: cheap to make, and listed with their state.
    const labels = (i: number) => ({
      [RUNINFO.realm]: t.realm,
      [RUNINFO.user]: `user${i}`,
      [RUNINFO.mappingId]: `list-${i}`,
      [RUNINFO.urlId]: `u${i}`,
      [RUNINFO.urlpath]: `/user/user${i}/containers/u${i}`,
    });
    for (let i = 1; i < 200; i += 20)
      await Promise.all(
        Array.from({ length: Math.min(20, 200 - i) }, (_, k) =>
          t.docker.createContainer({ Image: IMAGES.webapp, Labels: labels(i + k) }),
        ),
      );

    const docker = t.client();
    const requests = logRequests(docker);
    const counted = t.manager({ docker });
    const before = requests.length;
    const listed = await counted.listContainers();
    expect(requests.length - before).toBe(1);
    expect(requests.at(-1)!.path).toMatch(/^\/containers\/json\?/);
    expect(listed).toHaveLength(200);
    const first = listed.find((c) => c.id === running.container.id)!;
    expect(first).toMatchObject({
      state: 'running',
      port: running.container.port,
      urlId: running.container.urlId,
    });
    expect(listed.filter((c) => c.state === 'created')).toHaveLength(199);
  });

  it('shows exited containers with their state', async () => {
    const manager = t.manager();
    const { container } = await manager.startContainer({
      user: 'exiter',
      image: IMAGES.webapp,
      mappingId: 'exit-1',
    });
    await t.docker.getContainer(container.id).kill();
    await t.docker.getContainer(container.id).wait();
    const [listed] = await manager.findContainers({ mappingId: 'exit-1' });
    expect(listed).toMatchObject({ id: container.id, state: 'exited', port: null });
    expect(listed!.status).toMatch(/^Exited \(137\)/);
  });
});

describe('the realm boundary', () => {
  it('never lists or stops a container of another realm, or one without labels', async () => {
    const manager = t.manager();
    const theirs = await other
      .manager()
      .startContainer({ user: 'zed', image: IMAGES.webapp, mappingId: 'z-1' });
    const unlabelled = await t.docker.createContainer({ Image: IMAGES.webapp });
    foreign.push(unlabelled.id);
    await unlabelled.start();

    const listed = await manager.listContainers();
    expect(listed.map((c) => c.id)).not.toContain(theirs.container.id);
    expect(listed.map((c) => c.id)).not.toContain(unlabelled.id);
    expect(await manager.findContainers({ user: 'zed' })).toEqual([]);

    await expect(manager.stopAndRemoveContainer(theirs.container.id)).rejects.toMatchObject({
      code: 'REALM_VIOLATION',
      message: expect.stringContaining(`belongs to realm "${other.realm}"`),
    });
    await expect(manager.stopAndRemoveContainer(unlabelled.id)).rejects.toMatchObject({
      code: 'REALM_VIOLATION',
      message: expect.stringContaining('not a simphony-remote container'),
    });
    expect((await t.docker.getContainer(theirs.container.id).inspect()).State.Running).toBe(true);
    expect((await t.docker.getContainer(unlabelled.id).inspect()).State.Running).toBe(true);
  });
});

describe('stopAndRemoveContainer', () => {
  it('stops and removes, and is idempotent for a container already gone', async () => {
    const manager = t.manager();
    const { container } = await manager.startContainer({
      user: 'stopper',
      image: IMAGES.webapp,
      mappingId: 's-1',
    });
    expect(await manager.stopAndRemoveContainer(container.id)).toEqual({
      id: container.id,
      removed: true,
    });
    await expect(t.docker.getContainer(container.id).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
    expect(await manager.stopAndRemoveContainer(container.id)).toEqual({
      id: container.id,
      removed: false,
    });
  });

  it('refuses a second stop of one container while the first is running', async () => {
    const manager = t.manager({ stopTimeoutSeconds: 1 });
    const { container } = await manager.startContainer({
      user: 'stopper',
      image: IMAGES.sleeper,
      mappingId: 's-2',
    });
    const first = manager.stopAndRemoveContainer(container.id);
    await expect(manager.stopAndRemoveContainer(container.id)).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
    });
    expect((await first).removed).toBe(true);
  });

  it('passes its configured stop timeout to Docker', async () => {
    const docker = t.client();
    const requests = logRequests(docker);
    const manager = t.manager({ docker, stopTimeoutSeconds: 3 });
    const { container } = await manager.startContainer({
      user: 'stopper',
      image: IMAGES.sleeper,
      mappingId: 's-3',
    });
    await manager.stopAndRemoveContainer(container.id);
    const stop = requests.find(
      (r) => r.method === 'POST' && r.path.startsWith(`/containers/${container.id}/stop`),
    );
    expect(stop?.options).toEqual({ t: 3 });
    // The sleeper ignores SIGTERM, so only the timeout's SIGKILL ends it.
    await expect(t.docker.getContainer(container.id).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
