import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../src-core/api/cull-policy';
import type { EventName } from '../../src-core/api/contract';
import { readCullPolicy } from '../../src-core/engines/cull-policy-file';
import type { Session } from '../../src-core/host/host';
import { readActivityFile } from '../../src-core/proxy/activity-file';
import { routeKey } from '../../src-core/proxy/route-activity';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';
import { IMAGES } from '../support/fixture-images';
import { hostCalls } from '../support/host-calls';
import { startTestCore } from '../support/test-core';

// Real containers behind the real embedded proxy, in a core as the desktop app runs it.
const dir = mkdtempSync(join(tmpdir(), 'remoteapp-idle-cull-'));
const policyPath = join(dir, 'cull.json');
let t: Awaited<ReturnType<typeof startTestCore>>;
let session: Session;
const events: Array<{ name: EventName; payload: unknown }> = [];

beforeAll(async () => {
  t = await startTestCore('idle-cull', {
    proxy: { settings: embeddedProxySettings(0), settingsPath: join(dir, 'proxy.json') },
    cull: { policyPath, everyMs: 500 },
  });
  session = t.core.host.open({ transport: 'in-process', label: 'test' }, (name, payload) =>
    events.push({ name, payload }),
  );
});
afterAll(async () => {
  session?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const { call } = hostCalls(() => session);
const launch = (user: string) =>
  call('containers.launch', { engine: 'local', user, image: IMAGES.webapp });
const running = async () =>
  (await call('containers.list', {})).engines[0]!.containers.map((c) => c.user).sort();
const poll = { timeout: 90_000, interval: 500 };

describe('the idle cull, with the embedded proxy', () => {
  let used: Awaited<ReturnType<typeof launch>>['container'];
  let fetchedAt: number;

  it('stops a container idle past the time and audits it; one used through the proxy within it survives', async () => {
    const launched = await Promise.all([launch('used'), launch('idle')]);
    used = launched[0].container;
    // Nothing through the proxy yet: both count from their start, and both come due.
    await expect
      .poll(async () => {
        const { containers } = await call('cull.run', { dryRun: true, idleFor: '3s' });
        return containers.map((c) => `${c.user} ${c.since.kind} ${c.outcome}`).sort();
      }, poll)
      .toEqual(['idle start dry-run', 'used start dry-run']);
    expect(await running()).toEqual(['idle', 'used']);

    fetchedAt = Date.now();
    const page = await fetch(used.url!);
    expect(page.status).toBe(200);
    await page.text();

    const report = await call('cull.run', { idleFor: '3s' });
    expect(report.containers).toEqual([
      expect.objectContaining({
        user: 'idle',
        action: 'stop',
        outcome: 'done',
        since: expect.objectContaining({ kind: 'start' }),
      }),
    ]);
    expect(report.kept).toBe(1);
    const [listed] = (await call('containers.list', {})).engines[0]!.containers;
    expect(listed).toMatchObject({ user: 'used', state: 'running' });
    expect(Date.parse(listed!.lastActivity!)).toBeGreaterThanOrEqual(fetchedAt);

    const { entries } = await call('catalog.audit', { search: 'containers.cull' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'containers.cull',
      target: `idle ${IMAGES.webapp}`,
      engine: 'local',
      result: 'ok',
    });
    const seen =
      /^idle (\S+) \(over 3s; no activity since its start [^)]+\): stopped and removed [0-9a-f]{12}$/.exec(
        entries[0]!.detail,
      );
    expect(seen, entries[0]!.detail).not.toBeNull();
    expect(parseDuration(seen![1]!)).toBe(report.containers[0]!.idleSeconds);
    expect(report.containers[0]!.idleSeconds).toBeGreaterThanOrEqual(3);
  });

  it('sends the activity to the open windows and keeps it on disk for the command line', async () => {
    await expect
      .poll(
        () =>
          events.some(
            ({ name, payload }) =>
              name === 'containers.activity' &&
              (payload as { changes: Array<{ id: string; lastActivity: string }> }).changes.some(
                (c) => c.id === used.id && Date.parse(c.lastActivity) >= fetchedAt,
              ),
          ),
        poll,
      )
      .toBe(true);
    await expect
      .poll(() => readActivityFile(join(dir, 'activity.json')).get(routeKey(used.urlpath)!), poll)
      .toBeGreaterThanOrEqual(fetchedAt);
  });

  it('keeps the policy it is given and applies it on a timer, sparing the exempt', async () => {
    const policy = {
      idleFor: '3s',
      exemptUsers: ['used'],
      exemptApplications: [],
      removeExitedAfter: null,
    };
    const status = await call('cull.configure', { policy });
    expect(status.policy).toEqual(policy);
    expect(readCullPolicy(policyPath)).toEqual(policy);

    await launch('late');
    // Nobody uses it: the timer stops it once it is 3 s old; `used`, idle too by now, is exempt.
    await expect.poll(running, poll).toEqual(['used']);
    const { entries } = await call('catalog.audit', { search: `late ${IMAGES.webapp}` });
    expect(entries.map((e) => [e.action, e.result])).toEqual([['containers.cull', 'ok']]);
    expect((await call('cull.policy', {})).lastRun).toMatchObject({ dryRun: false, exempt: 1 });
    expect(events.some(({ name }) => name === 'cull.done')).toBe(true);
  });
});
