import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { planContainer } from '../../src-core/realm/create-plan';
import { RUNINFO } from '../../src-core/realm/labels';
import { relaunchRequest } from '../../src-core/realm/relaunch-request';
import { validateStartRequest } from '../../src-core/realm/start-request';

/**
 * What a relaunch reads back from a container, checked on the seed's own
 * containers (recorded from simphony-remote on a real engine): the start
 * request it makes creates the container the seed created, but for the url id.
 * The relaunch itself, on real engines, is in test/serve/serve-relaunch.test.ts.
 */
const seed = JSON.parse(
  readFileSync(new URL('../fixtures/seed-containers.json', import.meta.url), 'utf8'),
) as { docker_inspect: Docker.ContainerInspectInfo[]; image_inspect: Docker.ImageInspectInfo };

const imageEnv = seed.image_inspect.Config.Env;
const [withBind, plain] = seed.docker_inspect as [
  Docker.ContainerInspectInfo,
  Docker.ContainerInspectInfo,
];

/** A copy of a seed container with its Config and HostConfig changed. */
function changed(
  info: Docker.ContainerInspectInfo,
  config: Partial<Docker.ContainerInspectInfo['Config']>,
  host: Partial<Docker.HostConfig> = {},
): Docker.ContainerInspectInfo {
  return {
    ...info,
    Config: { ...info.Config, ...config },
    HostConfig: { ...info.HostConfig, ...host },
  };
}

describe("a container's start request, read back for a relaunch", () => {
  it("gives the seed's container its user, image, mapping id, base urlpath, bind and the caller's variable", () => {
    expect(relaunchRequest(withBind, imageEnv)).toEqual({
      user: 'john.doe@example.com',
      image: 'simphony/labeled-app:1.0',
      mappingId: '1c08c87878634e90af43d799e90f61d2',
      baseUrlpath: '/user/john.doe@example.com',
      // The seed's legacy Binds, as `src:dst:mode`.
      volumes: [{ source: '/srv/remoteapp-fixture/home', target: '/workspace', mode: 'rw' }],
      // Not the four the start sets again, nor PATH, which the image sets.
      environment: { X11_WIDTH: '1024' },
      resources: {},
    });
  });

  it('plans, for the same url id, the labels and environment the seed created', () => {
    for (const info of seed.docker_inspect) {
      const labels = info.Config.Labels;
      const plan = planContainer(
        labels[RUNINFO.realm]!,
        validateStartRequest(relaunchRequest(info, imageEnv)),
        { nameSuffix: 'abcdefghij', urlId: labels[RUNINFO.urlId]! },
        { publishIp: '127.0.0.1' },
      );
      expect(plan.labels).toEqual(
        Object.fromEntries(Object.values(RUNINFO).map((key) => [key, labels[key]])),
      );
      // The image adds PATH at create: the rest is what the plan asks for.
      expect([...plan.create.Env!, ...imageEnv].sort()).toEqual([...info.Config.Env].sort());
    }
  });

  it('keeps a variable the caller set to another value than the image gives it', () => {
    const env = [...plain.Config.Env.filter((e) => !e.startsWith('PATH=')), 'PATH=/opt/app/bin'];
    expect(relaunchRequest(changed(plain, { Env: env }), imageEnv).environment).toEqual({
      PATH: '/opt/app/bin',
    });
  });

  it('reads binds made as Mounts, read-only ones included', () => {
    const mounts = [
      { Type: 'bind' as const, Source: '/srv/data', Target: '/data', ReadOnly: true },
      { Type: 'volume' as const, Source: 'cache', Target: '/cache', ReadOnly: false },
    ];
    expect(
      relaunchRequest(changed(plain, {}, { Binds: [], Mounts: mounts }), imageEnv).volumes,
    ).toEqual([{ source: '/srv/data', target: '/data', mode: 'ro' }]);
  });

  it('keeps the resource limits that are set, leaving out those Docker reads as unset', () => {
    const host = { Memory: 64 * 1024 * 1024, NanoCpus: 500_000_000, CpuShares: 0, PidsLimit: 0 };
    expect(relaunchRequest(changed(plain, {}, host), imageEnv).resources).toEqual({
      Memory: 64 * 1024 * 1024,
      NanoCpus: 500_000_000,
    });
  });

  it('leaves the base urlpath to the start when the urlpath label is not built on the url id', () => {
    const labels = { ...plain.Config.Labels, [RUNINFO.urlpath]: '/somewhere/else' };
    expect(relaunchRequest(changed(plain, { Labels: labels }), imageEnv)).not.toHaveProperty(
      'baseUrlpath',
    );
  });
});
