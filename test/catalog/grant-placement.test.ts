import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src-core/catalog/catalog';
import { launchGrants } from '../../src-core/catalog/grant-launcher';
import type { PolicyFields } from '../../src-core/catalog/policy';
import { IMAGES } from '../support/fixture-images';
import { oneEngine } from '../support/one-engine';
import { testRealm } from '../support/test-realm';
import { scratch } from './catalog-files';

const t = testRealm('placement');
const manager = t.manager();
const files = scratch();
const catalog = Catalog.openFile(files.path('placement.db'));

const bare: PolicyFields = {
  appLicense: null,
  allowHome: false,
  allowView: false,
  allowCommon: false,
  volume: null,
  allowStartupData: false,
};

afterAll(async () => {
  catalog.close();
  await t.cleanup();
  files.remove();
});

function grant(user: string, policy: PolicyFields): string {
  catalog.addUser(user);
  return catalog.addGrant({ user, image: IMAGES.webapp, policy }).grant.id;
}

describe("a grant's placement, launched on an engine of plain containers", () => {
  it('limits CPUs and memory as the policy says; a constraint fails that grant alone', async () => {
    catalog.addApplication(IMAGES.webapp);
    const grantIds = [
      grant('ann', { ...bare, cpus: 0.5, memoryBytes: 64 * 1024 ** 2 }),
      grant('bob', { ...bare, constraints: ['node.role==worker'] }),
      grant('cy', bare),
    ];
    const outcomes = await launchGrants(catalog, oneEngine(manager), grantIds);
    expect(outcomes.map((o) => [o.user, o.state])).toEqual([
      ['ann', 'running'],
      ['bob', 'failed'],
      ['cy', 'running'],
    ]);

    const limits = async (id: string) => {
      const { HostConfig } = await t.docker.getContainer(id).inspect();
      return { NanoCpus: HostConfig.NanoCpus, Memory: HostConfig.Memory };
    };
    expect(await limits(outcomes[0]!.container!.id)).toEqual({
      NanoCpus: 500_000_000,
      Memory: 67108864,
    });
    // A policy without placement sets no limit.
    expect(await limits(outcomes[2]!.container!.id)).toEqual({ NanoCpus: 0, Memory: 0 });

    expect(outcomes[1]!.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^constraints: placement constraints need a Swarm engine/),
      details: { field: 'constraints' },
    });
    expect(await manager.findContainers({ user: 'bob' })).toEqual([]);
  });
});
