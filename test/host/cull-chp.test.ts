import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src-core/host/host';
import { IMAGES } from '../support/fixture-images';
import { hostCalls } from '../support/host-calls';
import { startTestCore } from '../support/test-core';
import { startChp, chpProxySettings } from '../proxy/support/chp-process';

// Real containers routed by a real configurable-http-proxy, in a core as the desktop app runs it.
let t: Awaited<ReturnType<typeof startTestCore>>;
let chp: Awaited<ReturnType<typeof startChp>>;
let session: Session;

beforeAll(async () => {
  chp = await startChp();
  t = await startTestCore('cull-chp', {
    proxy: {
      settings: chpProxySettings(chp),
    },
  });
  session = t.core.host.open({ transport: 'in-process', label: 'test' }, () => undefined);
});
afterAll(async () => {
  session?.close();
  await t?.close();
  await chp?.stop();
});

const { call } = hostCalls(() => session);

/** CHP's own `last_activity` of a route, as its REST API reports it. */
async function chpActivity(urlpath: string): Promise<string> {
  const routes = (await (await chp.api('GET', '')).json()) as Record<
    string,
    { last_activity: string }
  >;
  return routes[urlpath]!.last_activity;
}

describe('the idle cull, with configurable-http-proxy', () => {
  it("takes each container's idle time from CHP's last_activity of its route", async () => {
    const [used, idle] = (
      await Promise.all(
        ['used', 'idle'].map((user) =>
          call('containers.launch', { engine: 'local', user, image: IMAGES.webapp }),
        ),
      )
    ).map((launched) => launched.container);
    const fetchedAt = Date.now();
    // Through CHP to one container's route, not the other's.
    const page = await fetch(used!.url!);
    expect(page.status).toBe(200);
    await page.text();
    await expect
      .poll(async () => Date.parse(await chpActivity(used!.urlpath)), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(fetchedAt);
    const chpUsed = await chpActivity(used!.urlpath);
    const chpIdle = await chpActivity(idle!.urlpath);
    // CHP stamps a route when it is added: the idle one's is from its launch, before the request.
    expect(Date.parse(chpIdle)).toBeLessThan(fetchedAt);

    const listed = (await call('containers.list', {})).engines[0]!.containers;
    expect(Object.fromEntries(listed.map((c) => [c.user, c.lastActivity]))).toEqual({
      used: chpUsed,
      idle: chpIdle,
    });

    // Both come due 2 s after their last activity, each counted from CHP's stamp.
    const dryRun = () => call('cull.run', { dryRun: true, idleFor: '2s' });
    await expect
      .poll(async () => (await dryRun()).containers.length, { timeout: 60_000, interval: 500 })
      .toBe(2);
    const report = await dryRun();
    for (const [user, stamp] of [
      ['used', chpUsed],
      ['idle', chpIdle],
    ] as const) {
      const entry = report.containers.find((c) => c.user === user)!;
      expect(entry.since).toEqual({ kind: 'activity', at: stamp });
      expect(entry.idleSeconds).toBe(
        Math.floor((Date.parse(report.at) - Date.parse(stamp)) / 1000),
      );
      expect(entry.outcome).toBe('dry-run');
    }
    expect((await call('containers.list', {})).engines[0]!.containers).toHaveLength(2);

    const culled = await call('cull.run', { idleFor: '2s' });
    expect(culled.containers.map((c) => `${c.user} ${c.outcome}`).sort()).toEqual([
      'idle done',
      'used done',
    ]);
    const { entries } = await call('catalog.audit', { search: `idle ${IMAGES.webapp}` });
    expect(entries[0]!.detail).toContain(`last activity ${chpIdle}`);
  });
});
