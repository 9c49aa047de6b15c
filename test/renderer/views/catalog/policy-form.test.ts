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
  });
});
