import { afterAll, describe, expect, it } from 'vitest';
import type { StartRequest } from '../../src-core/realm/start-request';
import { IMAGES } from '../support/fixture-images';
import { logRequests } from '../support/request-log';
import { testRealm } from '../support/test-realm';

const t = testRealm('badinput');
afterAll(() => t.cleanup());

const good: StartRequest = { user: 'valid', image: IMAGES.webapp, mappingId: 'm-1' };
const vol = (source: string, target = '/data', mode = 'rw') => ({
  volumes: [{ source, target, mode }],
});

const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
  ['an empty user', { user: '' }, 'user', /must not be empty/],
  ['a 10,000-character user', { user: 'u'.repeat(10_000) }, 'user', /at most 256/],
  ['a user with a control character', { user: 'bad\nname' }, 'user', /control characters/],
  ['a mapping id with /', { mappingId: 'a/b' }, 'mappingId', /"\/"/],
  ['an empty mapping id', { mappingId: '' }, 'mappingId', /must not be empty/],
  ['a relative volume source', vol('relative/dir'), 'volumes[0].source', /absolute path/],
  ['a volume source with ..', vol('/tmp/../etc'), 'volumes[0].source', /"\.\."/],
  ['a relative volume target', vol('/tmp', 'data'), 'volumes[0].target', /absolute path/],
  ['an invalid volume mode', vol('/tmp', '/data', 'rwx'), 'volumes[0].mode', /"ro" or "rw"/],
  ['a bad image reference', { image: 'Not An Image!' }, 'image', /not an image reference/],
  [
    'a bad environment name',
    { environment: { 'BAD-NAME': 'x' } },
    'environment.BAD-NAME',
    /variable name/,
  ],
  ['a non-string user', { user: 42 }, 'user', /must be a string/],
];

describe('bad start requests', () => {
  it.each(cases)(
    'refuses %s naming the field, and creates nothing',
    async (_what, change, field, reason) => {
      const docker = t.client();
      const requests = logRequests(docker);
      const error = await t
        .manager({ docker })
        .startContainer({ ...good, ...change } as StartRequest)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'VALIDATION', details: { field } });
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message.startsWith(field)).toBe(true);
      expect(requests).toEqual([]);
    },
  );

  it('refuses an unknown image with IMAGE_NOT_FOUND and creates nothing', async () => {
    const manager = t.manager();
    await expect(
      manager.startContainer({ ...good, image: 'remoteapp-test/no-such-image:0' }),
    ).rejects.toMatchObject({ code: 'IMAGE_NOT_FOUND', details: { field: 'image' } });
    expect(await manager.listContainers()).toEqual([]);
  });
});
