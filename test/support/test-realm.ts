import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { connectDockerHost } from '../../src-core/docker/docker-host';
import {
  ContainerManager,
  type ContainerManagerOptions,
} from '../../src-core/realm/container-manager';
import { RUNINFO } from '../../src-core/realm/labels';

/**
 * A realm of its own for one test file on the shared test engine, and the
 * clean-up that leaves nothing behind in it.
 */
export function testRealm(label: string) {
  const realm = `t-${label}-${randomBytes(3).toString('hex')}`;
  const { docker, ip } = connectDockerHost(inject('dockerHost'));
  return {
    realm,
    docker,
    ip,
    /** A client of its own, for tests that watch the requests it makes. */
    client: () => connectDockerHost(inject('dockerHost')).docker,
    manager(options: Partial<ContainerManagerOptions> = {}) {
      return new ContainerManager({ docker, ip, realm, stopTimeoutSeconds: 2, ...options });
    },
    /** Removes every container labelled with this realm, in any state. */
    async cleanup(extraRealms: string[] = []) {
      for (const r of [realm, ...extraRealms]) {
        const left = await docker.listContainers({
          all: true,
          filters: { label: [`${RUNINFO.realm}=${r}`] },
        });
        await Promise.all(
          left.map((c) =>
            docker
              .getContainer(c.Id)
              .remove({ force: true })
              .catch(() => undefined),
          ),
        );
      }
    },
  };
}
