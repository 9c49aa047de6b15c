import { describe, expect, it } from 'vitest';
import { policy } from '../../../../src-core/api/catalog';
import {
  describePolicy,
  EMPTY_POLICY,
  policyInput,
} from '../../../../renderer/views/catalog/policy-form';

describe('the policy form for new grants', () => {
  it('sends no licence and no common volume when they are left empty', () => {
    expect(policyInput({ ...EMPTY_POLICY, appLicense: '  ', volumeSource: ' ' })).toEqual({
      appLicense: null,
      allowHome: true,
      allowView: false,
      allowCommon: false,
      volume: null,
      allowStartupData: false,
    });
  });

  it('sends the trimmed licence and the common volume, allowing it, once a path is typed', () => {
    const input = policyInput({
      ...EMPTY_POLICY,
      appLicense: ' site-1 ',
      volumeSource: ' /srv/shared ',
      volumeTarget: '/data ',
      volumeMode: 'rw',
    });
    expect(input).toMatchObject({
      appLicense: 'site-1',
      allowCommon: true,
      volume: { source: '/srv/shared', target: '/data', mode: 'rw' },
    });
  });

  it('sends CPUs, memory in bytes and the constraints only when filled in', () => {
    expect(
      policyInput({
        ...EMPTY_POLICY,
        cpus: '0.5',
        memoryMiB: '64',
        constraints: ' node.role==worker,, node.labels.zone==a ',
      }),
    ).toMatchObject({
      cpus: 0.5,
      memoryBytes: 67108864,
      constraints: ['node.role==worker', 'node.labels.zone==a'],
    });
    expect(policyInput({ ...EMPTY_POLICY, cpus: ' ', constraints: ' , ' })).not.toHaveProperty(
      'cpus',
    );
    expect(policyInput(EMPTY_POLICY)).not.toHaveProperty('constraints');
  });

  it('describes a granted policy in the few words its tooltip shows', () => {
    const granted = policy.parse({
      id: 7,
      appLicense: 'site-1',
      allowHome: true,
      allowView: true,
      allowCommon: true,
      volume: { source: '/srv/shared', target: '/data', mode: 'ro' },
      allowStartupData: true,
    });
    expect(describePolicy(granted)).toBe(
      'policy 7, licence, home, viewable, startup data, /srv/shared → /data (ro)',
    );
    expect(describePolicy({ ...granted, appLicense: null, allowView: false, volume: null })).toBe(
      'policy 7, home, startup data',
    );
    const placed = { ...granted, appLicense: null, allowView: false, volume: null };
    expect(
      describePolicy({
        ...placed,
        cpus: 0.5,
        memoryBytes: 67108864,
        constraints: ['node.role==worker'],
      }),
    ).toBe('policy 7, home, startup data, 0.5 CPUs, 64.0 MiB, on node.role==worker');
  });
});
