import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { fromListEntry } from '../../src-core/realm/container';
import { imageFromInspect } from '../../src-core/realm/image';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { testRealm } from '../support/test-realm';

/** One run of the real seed against a real engine (see test/fixtures/README.md). */
const seed = JSON.parse(
  readFileSync(new URL('../fixtures/seed-containers.json', import.meta.url), 'utf8'),
) as {
  find_containers_returned: Array<Record<string, string | number>>;
  docker_list_entries: Docker.ContainerInfo[];
  docker_inspect: Docker.ContainerInspectInfo[];
  image_inspect: Docker.ImageInspectInfo;
  image_parsed: Record<string, unknown>;
};

const t = testRealm('seed');
afterAll(() => t.cleanup());

describe('containers made by the seed', () => {
  it("parse from the seed's list entries into what the seed itself found", () => {
    for (const expected of seed.find_containers_returned) {
      const entry = seed.docker_list_entries.find((e) => e.Id === expected.docker_id)!;
      expect(fromListEntry(entry, '127.0.0.1')).toMatchObject({
        id: expected.docker_id,
        name: String(expected.name).replace(/^\//, ''),
        image: expected.image_name,
        imageId: expected.image_id,
        user: expected.user,
        mappingId: expected.mapping_id,
        urlId: expected.url_id,
        urlpath: expected.urlpath,
        realm: expected.realm,
        port: expected.port,
        ip: '127.0.0.1',
      });
    }
  });

  it('are listed and stopped on a real engine, with their image-name url ids', async () => {
    const manager = t.manager();
    const made: string[] = [];
    for (const inspect of seed.docker_inspect) {
      // The seed's own labels, name and environment; only the realm is this test's.
      const labels = { ...inspect.Config.Labels, [RUNINFO.realm]: t.realm };
      const created = await t.docker.createContainer({
        name: `${inspect.Name.slice(1).replace('fixturerealm', t.realm)}`,
        Image: IMAGES.webapp,
        Env: inspect.Config.Env,
        Labels: labels,
        ExposedPorts: { '8888/tcp': {} },
        HostConfig: { PortBindings: { '8888/tcp': [{ HostPort: '' }] } },
      });
      await created.start();
      made.push(created.id);
    }
    const listed = await manager.listContainers();
    expect(listed.map((c) => c.urlId).sort()).toEqual(['labeled-app:1.0', 'testapp:latest']);
    const john = listed.find((c) => c.user === 'john.doe@example.com')!;
    expect(john).toMatchObject({
      mappingId: '1c08c87878634e90af43d799e90f61d2',
      urlpath: '/user/john.doe@example.com/containers/labeled-app:1.0',
      state: 'running',
    });
    expect(john.port).toBeGreaterThan(0);
    expect(await manager.findContainer({ urlId: 'labeled-app:1.0' })).toMatchObject({
      id: john.id,
    });
    for (const id of made)
      expect(await manager.stopAndRemoveContainer(id)).toMatchObject({ removed: true });
    expect(await manager.listContainers()).toEqual([]);
  });
});

describe('image metadata', () => {
  it("parses the seed's labelled image as the seed did", () => {
    const parsed = imageFromInspect(seed.image_inspect);
    const expected = seed.image_parsed;
    expect(parsed).toMatchObject({
      id: expected.docker_id,
      name: expected.name,
      uiName: expected.ui_name,
      description: expected.description,
      icon128: expected.icon_128,
      type: expected.type,
      env: expected.env,
      configurables: ['resolution'],
    });
  });

  it('reads the same metadata from a labelled image on the engine', async () => {
    const image = await t.manager().image(IMAGES.labeled);
    expect(image).toMatchObject({
      name: IMAGES.labeled,
      uiName: 'Test Web App',
      description: 'A tiny HTTP app used to exercise the container manager',
      type: 'webapp',
      env: { X11_WIDTH: '', X11_HEIGHT: '', X11_DEPTH: '' },
      configurables: ['resolution'],
    });
    expect(image!.icon128).toBe(seed.image_parsed.icon_128);
    expect(await t.manager().image('remoteapp-test/no-such-image:0')).toBeNull();
  });
});
