import { describe, expect, it } from 'vitest';
import type { Grant } from '../../src-core/catalog/catalog-rows';
import { startRequestForGrant } from '../../src-core/catalog/grant-start-request';
import type { AppImage } from '../../src-core/realm/image';

const grant: Grant = {
  id: 'de43b03cebd240479a8692ca2fe34d6c',
  user: { id: 1, name: 'john.doe@example.com' },
  application: { id: 2, image: 'simphony/testapp:latest' },
  policy: {
    id: 2,
    appLicense: 'LICENSE-KEY-123',
    allowHome: true,
    allowView: false,
    allowCommon: true,
    volume: { source: '/srv/shared-data', target: '/data', mode: 'ro' },
    allowStartupData: false,
  },
};

function image(env: Record<string, string>, configurables: AppImage['configurables']): AppImage {
  return {
    id: 'sha256:1',
    name: '',
    uiName: '',
    icon128: '',
    description: '',
    type: '',
    env,
    configurables,
  };
}
const plainImage = image({}, []);
const vncImage = image({ X11_WIDTH: '', X11_HEIGHT: '', X11_DEPTH: '', SRDATA: '' }, [
  'resolution',
  'srdata',
]);

describe('the start request for a grant', () => {
  it("is the seed web API's: grant id as mapping id, APP_LICENSE, the common volume and the home", () => {
    expect(
      startRequestForGrant(grant, plainImage, { homeTemplate: '/export/home/{user}' }),
    ).toEqual({
      user: 'john.doe@example.com',
      image: 'simphony/testapp:latest',
      mappingId: 'de43b03cebd240479a8692ca2fe34d6c',
      volumes: [
        { source: '/export/home/john.doe@example.com', target: '/workspace', mode: 'rw' },
        { source: '/srv/shared-data', target: '/data', mode: 'ro' },
      ],
      environment: { APP_LICENSE: 'LICENSE-KEY-123' },
    });
  });

  it('mounts neither home nor volume, and sets no licence, when the policy gives none', () => {
    const bare = {
      ...grant,
      policy: {
        ...grant.policy,
        appLicense: null,
        allowHome: false,
        allowCommon: false,
        volume: null,
      },
    };
    expect(startRequestForGrant(bare, plainImage)).toMatchObject({ volumes: [], environment: {} });
  });

  it("asks for the policy's CPUs, memory and constraints, and no limit when it has none", () => {
    const placed = {
      ...grant,
      policy: {
        ...grant.policy,
        cpus: 0.5,
        memoryBytes: 67108864,
        constraints: ['node.role==worker'],
      },
    };
    expect(startRequestForGrant(placed, plainImage)).toMatchObject({
      resources: { NanoCpus: 500_000_000, Memory: 67108864 },
      constraints: ['node.role==worker'],
    });
    expect(startRequestForGrant(grant, plainImage)).not.toHaveProperty('resources');
  });

  it('turns the configurables into X11_* and SRDATA only when asked, with defaults', () => {
    const allowed = { ...grant, policy: { ...grant.policy, allowStartupData: true } };
    expect(startRequestForGrant(allowed, vncImage).environment).toEqual({
      APP_LICENSE: 'LICENSE-KEY-123',
    });
    expect(startRequestForGrant(allowed, vncImage, { configurables: {} }).environment).toEqual({
      X11_WIDTH: '1024',
      X11_HEIGHT: '768',
      X11_DEPTH: '16',
      SRDATA: '',
      APP_LICENSE: 'LICENSE-KEY-123',
    });
    expect(
      startRequestForGrant(allowed, vncImage, {
        configurables: { resolution: '1920x1080', srdata: '/data/case.ex2' },
      }).environment,
    ).toMatchObject({
      X11_WIDTH: '1920',
      X11_HEIGHT: '1080',
      X11_DEPTH: '16',
      SRDATA: '/data/case.ex2',
    });
    // An image without the configurables gets none of them.
    expect(
      startRequestForGrant(allowed, plainImage, { configurables: { resolution: '800x600' } })
        .environment,
    ).toEqual({
      APP_LICENSE: 'LICENSE-KEY-123',
    });
  });

  it('refuses a bad resolution, startup data the policy does not allow, and a user name that escapes the home folder', () => {
    expect(() =>
      startRequestForGrant(grant, vncImage, { configurables: { resolution: '0x768' } }),
    ).toThrow(/configurables.resolution: must be WIDTHxHEIGHT/);
    expect(() =>
      startRequestForGrant(grant, vncImage, { configurables: { srdata: '/etc/passwd' } }),
    ).toThrow(/configurables.srdata: the policy of grant .* does not allow startup data/);
    const sneaky = { ...grant, user: { id: 9, name: '../../etc' } };
    expect(() => startRequestForGrant(sneaky, plainImage)).toThrow(
      /user: "..\/..\/etc" cannot name a home directory/,
    );
    expect(() => startRequestForGrant(grant, plainImage, { homeTemplate: 'home/{user}' })).toThrow(
      /homeTemplate: must be an absolute path/,
    );
  });
});
