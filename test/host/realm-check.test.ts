import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src-core/api/realm';
import type { Session } from '../../src-core/host/host';
import { RUNINFO } from '../../src-core/realm/labels';
import { markedFor, startChp, chpProxySettings } from '../proxy/support/chp-process';
import { IMAGES } from '../support/fixture-images';
import { hostCalls } from '../support/host-calls';
import { startTestCore } from '../support/test-core';

/**
 * The realm check and its fixes through the host, on real containers of the
 * test engine (a realm of this file's own) and a real configurable-http-proxy,
 * whose routes the test can break as a crash or another tool would.
 */
let t: Awaited<ReturnType<typeof startTestCore>>;
let chp: Awaited<ReturnType<typeof startChp>>;
let session: Session;
const { call, failure } = hostCalls(() => session);

// A name of the webapp image that this file removes again: its containers' image is then gone.
const GONE = `remoteapp-test/gone-${randomBytes(3).toString('hex')}:1`;

/** What the test made, by the finding each should give. */
const made: Record<string, string> = {};

beforeAll(async () => {
  chp = await startChp();
  t = await startTestCore('realm-check', {
    proxy: {
      settings: chpProxySettings(chp),
    },
  });
  session = t.core.host.open({ transport: 'in-process', label: 'test' }, () => {});
});

afterAll(async () => {
  session?.close();
  await t?.close();
  await chp?.stop();
  await t?.docker
    .getImage(GONE)
    .remove()
    .catch(() => undefined);
});

const launch = async (user: string, image: string = IMAGES.webapp) =>
  (await call('containers.launch', { engine: 'local', user, image })).container;

async function grantLaunch(user: string) {
  const { grant } = await call('catalog.addGrant', { user, image: IMAGES.webapp, policy: {} });
  const { outcomes } = await call('catalog.launch', { engine: 'local', grantIds: [grant.id] });
  return { grant, container: outcomes[0]!.container! };
}

const kinds = (findings: Finding[]) => findings.map((f) => [f.kind, f.id, f.fix]).sort();

describe('the realm check', () => {
  it('finds every kind of trouble, each with its fix, and leaves a sound container alone', async () => {
    for (const name of ['ann', 'ben', 'gus', 'ida', 'jo', 'kim', 'lee', 'uma'])
      await call('catalog.addUser', { name });
    await call('catalog.addApplication', { image: IMAGES.webapp });

    // A second container of ann's user and mapping id, made straight through the Docker API.
    const ann = await launch('ann');
    const original = await t.docker.getContainer(ann.id).inspect();
    const twin = await t.docker.createContainer({
      Image: IMAGES.webapp,
      Labels: original.Config.Labels,
    });
    made.duplicate = twin.id;

    const ben = await launch('ben');
    await t.docker.getContainer(ben.id).kill();
    made.exited = ben.id;

    made['user-gone'] = (await grantLaunch('uma')).container.id;
    await call('catalog.removeUser', { name: 'uma' });

    const gus = await grantLaunch('gus');
    await call('catalog.removeGrant', { id: gus.grant.id });
    made['grant-gone'] = gus.container.id;

    const [repo, tag] = GONE.split(':') as [string, string];
    await t.docker.getImage(IMAGES.webapp).tag({ repo, tag });
    const ida = await launch('ida', GONE);
    await t.docker.getContainer(ida.id).kill();
    // Untagged only: the webapp's own name still holds the image.
    await t.docker.getImage(GONE).remove();
    made['image-gone'] = ida.id;

    made['never-started'] = (
      await t.docker.createContainer({
        Image: IMAGES.webapp,
        Labels: {
          [RUNINFO.user]: 'jo',
          [RUNINFO.mappingId]: 'm-jo',
          [RUNINFO.urlId]: 'f00d',
          [RUNINFO.urlpath]: '/user/jo/containers/f00d',
          [RUNINFO.realm]: t.realm,
        },
      })
    ).id;

    // Ours, as a run that crashed before removing it would leave it.
    await chp.api('POST', '/user/ghost/containers/deadbeef', {
      target: 'http://127.0.0.1:9',
      ...markedFor(t.realm),
    });
    made['orphan-route'] = 'c0ffee';
    const kim = await launch('kim');
    await chp.api('DELETE', kim.urlpath);
    made.unrouted = kim.id;
    const lee = await launch('lee');

    const { findings, notChecked } = await call('realm.check', {});
    expect(notChecked).toEqual([]);
    expect(kinds(findings)).toEqual(
      [
        ['duplicate', made.duplicate, 'remove'],
        ['exited', made.exited, 'relaunch'],
        ['user-gone', made['user-gone'], 'stop'],
        ['grant-gone', made['grant-gone'], 'stop'],
        ['image-gone', made['image-gone'], 'remove'],
        ['never-started', made['never-started'], 'remove'],
        ['orphan-route', made['orphan-route'], 'route'],
        ['unrouted', made.unrouted, 'route'],
      ].sort(),
    );
    const by = (kind: string) => findings.find((f) => f.kind === kind)!;
    expect(by('duplicate').detail).toContain(`${ann.id.slice(0, 12)} on local stays`);
    expect(by('image-gone').detail).toBe(`${GONE} is not on local`);
    expect(by('orphan-route')).toMatchObject({
      engine: 'env',
      route: '/user/ghost/containers/deadbeef',
    });
    expect(by('unrouted')).toMatchObject({ engine: 'local', user: 'kim', route: kim.urlpath });
    expect(findings.some((f) => f.id === lee.id || f.id === ann.id)).toBe(false);
  });

  it('will not relaunch a container whose image is gone, and leaves it as it was', async () => {
    const { results } = await call('containers.relaunch', {
      targets: [{ engine: 'local', id: made['image-gone']! }],
    });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'IMAGE_NOT_FOUND' } });
    expect((await t.docker.getContainer(made['image-gone']!).inspect()).State.Status).toBe(
      'exited',
    );
  });

  it('fixes one finding named, and says when a finding named is no longer there', async () => {
    const ref = { kind: 'never-started' as const, engine: 'local', id: made['never-started']! };
    expect(await call('realm.fix', { findings: [ref] })).toEqual({
      results: [{ ...ref, ok: true, fix: 'remove', detail: 'removed' }],
    });
    await expect(t.docker.getContainer(ref.id).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
    const { results } = await call('realm.fix', { findings: [ref] });
    expect(results).toEqual([
      { ...ref, ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) },
    ]);
  });

  it("fixes one route named, and only that one: the other route's finding stays", async () => {
    const ref = { kind: 'orphan-route' as const, engine: 'env', id: made['orphan-route']! };
    const { results } = await call('realm.fix', { findings: [ref] });
    expect(results).toEqual([{ ...ref, ok: true, fix: 'route', detail: 'route removed' }]);
    expect(await chp.routes()).not.toHaveProperty(['/user/ghost/containers/deadbeef']);
    const { findings } = await call('realm.check', {});
    expect(findings.filter((f) => f.fix === 'route').map((f) => [f.kind, f.id])).toEqual([
      ['unrouted', made.unrouted],
    ]);
  });

  it('fixes every kind at once, each audited, and the check then finds nothing', async () => {
    const kindsLeft = [
      'duplicate',
      'exited',
      'user-gone',
      'grant-gone',
      'image-gone',
      'unrouted',
    ] as const;
    const { results } = await call('realm.fix', { kinds: [...kindsLeft] });
    expect(results.map((r) => [r.kind, r.ok]).sort()).toEqual(
      kindsLeft.map((k) => [k, true]).sort(),
    );
    expect((await call('realm.check', {})).findings).toEqual([]);

    const left = await t.docker.listContainers({
      all: true,
      filters: { label: [`${RUNINFO.realm}=${t.realm}`] },
    });
    const byUser = Object.fromEntries(left.map((c) => [c.Labels[RUNINFO.user], c]));
    // ann keeps her running container; ben's is a new one, running; the rest went.
    expect(Object.keys(byUser).sort()).toEqual(['ann', 'ben', 'kim', 'lee']);
    expect(left.some((c) => c.Id === made.duplicate)).toBe(false);
    expect(byUser.ben!.State).toBe('running');
    expect(byUser.ben!.Id).not.toBe(made.exited);

    const routes = await chp.routes();
    expect(routes).not.toHaveProperty(['/user/ghost/containers/deadbeef']);
    const kim = byUser.kim!.Labels[RUNINFO.urlpath]!;
    expect(await (await fetch(`${chp.publicUrl}${kim}/`)).text()).toMatch(/^JPY_USER=kim$/m);

    const { entries } = await call('catalog.audit', { search: 'check.' });
    expect(entries.map((e) => [e.action, e.result]).sort()).toEqual(
      [
        ['check.relaunch', 'ok'],
        ['check.remove', 'ok'],
        ['check.remove', 'ok'],
        ['check.remove', 'ok'],
        ['check.route', 'ok'],
        ['check.route', 'ok'],
        ['check.stop', 'ok'],
        ['check.stop', 'ok'],
      ].sort(),
    );
  });

  it('refuses a fix that names both findings and kinds, or neither, with VALIDATION on findings', async () => {
    for (const request of [
      {},
      { kinds: ['exited'], findings: [{ kind: 'exited', engine: 'local', id: 'abc' }] },
    ]) {
      const error = await failure('realm.fix', request);
      expect(error).toMatchObject({ code: 'VALIDATION', details: { field: 'findings' } });
    }
  });
});
