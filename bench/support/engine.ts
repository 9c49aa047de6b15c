import { randomBytes } from 'node:crypto';
import { connectDockerHost } from '../../src-core/docker/docker-host';
import { ContainerManager } from '../../src-core/realm/container-manager';
import { RUNINFO } from '../../src-core/realm/labels';
import { buildFixtureImages } from '../../test/support/fixture-images';

/** The engine the benchmarks run on (DOCKER_HOST or the default socket), with the test images. */
export async function benchEngine(name: string) {
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  if (!host.startsWith('unix://'))
    throw new Error('benchmarks need a local engine on a unix socket');
  const { docker, ip } = connectDockerHost(host);
  await buildFixtureImages(docker);
  const realm = `bench-${name}-${randomBytes(3).toString('hex')}`;
  return {
    docker,
    ip,
    realm,
    socketPath: host.slice('unix://'.length),
    /** A container manager on this engine and realm. */
    manager() {
      return new ContainerManager({ docker, ip, realm });
    },
    async cleanup() {
      const left = await docker.listContainers({
        all: true,
        filters: { label: [`${RUNINFO.realm}=${realm}`] },
      });
      await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    },
  };
}
