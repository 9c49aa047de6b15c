import { afterAll, describe, expect, it } from 'vitest';
import { IMAGES } from '../support/fixture-images';
import { logRequests } from '../support/request-log';
import { testRealm } from '../support/test-realm';

const t = testRealm('concurrent');
afterAll(() => t.cleanup());

/** Launches two users at once and tells whether the second began before the first ended. */
async function overlapped(concurrency: number, prefix: string): Promise<boolean> {
  const docker = t.client();
  const requests = logRequests(docker);
  const manager = t.manager({ docker, concurrency });
  const [a, b] = await Promise.all(
    ['a', 'b'].map((u) =>
      manager.startContainer({
        user: `${prefix}${u}`,
        image: IMAGES.webapp,
        mappingId: `${prefix}${u}`,
      }),
    ),
  );
  const lastOfA = requests.findLastIndex((r) =>
    r.path.startsWith(`/containers/${a!.container.id}/json`),
  );
  const firstOfB = requests.findIndex((r) =>
    JSON.stringify(r.options ?? '').includes(`${prefix}b`),
  );
  expect(firstOfB).toBeGreaterThanOrEqual(0);
  expect(b!.container.state).toBe('running');
  return firstOfB < lastOfA;
}

describe('concurrency', () => {
  it('runs independent launches at the same time (the seed ran one at a time)', async () => {
    expect(await overlapped(8, 'par-')).toBe(true);
  });

  it('keeps to its bound: with a bound of one, the second waits for the first', async () => {
    expect(await overlapped(1, 'seq-')).toBe(false);
  });
});
