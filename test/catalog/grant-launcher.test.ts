import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src-core/catalog/catalog';
import {
  launchForUsers,
  launchGrants,
  stopApplicationContainers,
  stopUserContainers,
  type LaunchProgress,
} from '../../src-core/catalog/grant-launcher';
import type { PolicyFields } from '../../src-core/catalog/policy';
import { RUNINFO } from '../../src-core/realm/labels';
import { bindsOf } from '../support/container-binds';
import { IMAGES } from '../support/fixture-images';
import { oneEngine } from '../support/one-engine';
import { testRealm } from '../support/test-realm';
import { scratch } from './catalog-files';

const t = testRealm('catalog');
const otherRealm = `${t.realm}-other`;
const manager = t.manager();
const files = scratch();
const homes = join(files.dir, 'homes');
const shared = join(files.dir, 'shared');
const homeTemplate = `${homes}/{user}`;
const MISSING = 'remoteapp-test/missing-image:1';
const USERS = Array.from(
  { length: 20 },
  (_, i) => `user${String(i + 1).padStart(2, '0')}@example.com`,
);
const catalog = Catalog.openFile(files.ormCopy());
// The real ORM database grants simphony/labeled-app:1.0: give the engine that name for the labelled test image.
const REAL_IMAGE = { repo: 'simphony/labeled-app', tag: '1.0' };
let taggedHere = false;

const policy: PolicyFields = {
  appLicense: 'LIC-20',
  allowHome: true,
  allowView: false,
  allowCommon: true,
  volume: { source: shared, target: '/data', mode: 'ro' },
  allowStartupData: false,
};

beforeAll(async () => {
  mkdirSync(shared, { recursive: true });
  for (const user of ['john.doe@example.com', ...USERS])
    mkdirSync(join(homes, user), { recursive: true });
  const present = await manager.image(`${REAL_IMAGE.repo}:${REAL_IMAGE.tag}`);
  if (!present) {
    await t.docker.getImage(IMAGES.labeled).tag(REAL_IMAGE);
    taggedHere = true;
  }
  catalog.addApplication(IMAGES.webapp);
  catalog.addApplication(MISSING);
  for (const user of USERS) catalog.addUser(user);
});

afterAll(async () => {
  catalog.close();
  await t.cleanup([otherRealm]);
  if (taggedHere)
    await t.docker
      .getImage(`${REAL_IMAGE.repo}:${REAL_IMAGE.tag}`)
      .remove({ noprune: true })
      .catch(() => undefined);
  files.remove();
});

async function inspect(id: string) {
  return t.docker.getContainer(id).inspect();
}

describe('launching by grant', () => {
  it("launches a grant of the real ORM database with the grant's id as the mapping id", async () => {
    const [outcome] = await launchGrants(
      catalog,
      oneEngine(manager),
      ['cc8c1d2e0d804d8186b299288b4aa6c9'],
      {
        homeTemplate,
        configurables: { resolution: '1280x800' },
      },
    );
    expect(outcome).toMatchObject({ state: 'running', user: 'john.doe@example.com' });
    const info = await inspect(outcome!.container!.id);
    expect(info.Config.Labels[RUNINFO.mappingId]).toBe('cc8c1d2e0d804d8186b299288b4aa6c9');
    expect(info.Config.Labels[RUNINFO.realm]).toBe(t.realm);
    expect(info.Config.Image).toBe('simphony/labeled-app:1.0');
    // Policy 1 allows home and has no licence; the labelled image supports the resolution.
    expect(bindsOf(info)).toEqual([`${homes}/john.doe@example.com:/workspace:rw`]);
    expect(info.Config.Env).toEqual(
      expect.arrayContaining(['X11_WIDTH=1280', 'X11_HEIGHT=800', 'X11_DEPTH=16']),
    );
    expect(info.Config.Env!.some((e) => e.startsWith('APP_LICENSE='))).toBe(false);
  });

  it('launches 20 users at once, each with their env and binds; a missing image fails for that user only', async () => {
    const grantIds = USERS.map((user, i) => {
      // user13 was granted an image this engine does not have.
      const image = i === 12 ? MISSING : IMAGES.webapp;
      return catalog.addGrant({ user, image, policy }).grant.id;
    });
    const progress: LaunchProgress[] = [];
    const outcomes = await launchGrants(catalog, oneEngine(manager), grantIds, {
      homeTemplate,
      onProgress: (p) => progress.push(p),
    });

    expect(outcomes.map((o) => o.state)).toEqual(
      USERS.map((_, i) => (i === 12 ? 'failed' : 'running')),
    );
    expect(outcomes[12]).toMatchObject({
      user: USERS[12],
      grantId: grantIds[12],
      error: { code: 'IMAGE_NOT_FOUND', details: { field: 'image' } },
    });
    // Every user heard queued, then starting, then the end, in that order.
    for (const [i, user] of USERS.entries())
      expect(progress.filter((p) => p.user === user).map((p) => p.state)).toEqual([
        'queued',
        'starting',
        i === 12 ? 'failed' : 'running',
      ]);

    await Promise.all(
      outcomes
        .filter((o) => o.state === 'running')
        .map(async (o) => {
          const info = await inspect(o.container!.id);
          expect(info.State.Running).toBe(true);
          expect(info.Config.Labels[RUNINFO.mappingId]).toBe(o.grantId);
          expect(info.Config.Labels[RUNINFO.user]).toBe(o.user);
          expect(info.Config.Env).toEqual(
            expect.arrayContaining(['APP_LICENSE=LIC-20', `JPY_USER=${o.user}`]),
          );
          expect(bindsOf(info)).toEqual([`${homes}/${o.user}:/workspace:rw`, `${shared}:/data:ro`]);
        }),
    );
    // One of them answers on its published port with that environment.
    const one = outcomes[0]!.container!;
    let page = '';
    for (let i = 0; i < 100 && !page.includes('APP_LICENSE'); i++) {
      page = await fetch(`http://${one.ip}:${one.port}/`)
        .then((r) => r.text())
        .catch(() => '');
      if (!page) await new Promise((r) => setTimeout(r, 50));
    }
    expect(page).toContain('APP_LICENSE=LIC-20\n');
    expect(page).toContain(`JPY_USER=${USERS[0]}\n`);
  });

  it('launches one application for chosen users through their own grants; one without a grant fails alone', async () => {
    const outcomes = await launchForUsers(
      catalog,
      oneEngine(manager),
      { image: IMAGES.webapp, users: [USERS[0]!, 'alice', USERS[1]!] },
      { homeTemplate },
    );
    expect(outcomes.map((o) => [o.user, o.state])).toEqual([
      [USERS[0], 'running'],
      ['alice', 'failed'],
      [USERS[1], 'running'],
    ]);
    expect(outcomes[1]!.error).toMatchObject({
      code: 'NOT_FOUND',
      message: `alice has no grant of ${IMAGES.webapp}`,
    });
    const [grant] = catalog.listGrants({ user: USERS[0], image: IMAGES.webapp });
    expect(outcomes[0]!.container!.mappingId).toBe(grant!.id);
    // A relaunch replaced the user's container rather than adding a second one.
    expect(await manager.findContainers({ user: USERS[0] })).toHaveLength(1);
  });

  it("stops all of a user's containers, then all of an application's, in this realm only", async () => {
    const other = t.manager({ realm: otherRealm });
    const outsider = await other.startContainer({
      user: USERS[2]!,
      image: IMAGES.webapp,
      mappingId: 'outside',
    });

    const stoppedUser = await stopUserContainers(manager, USERS[2]!);
    expect(stoppedUser).toHaveLength(1);
    expect(stoppedUser[0]).toMatchObject({ user: USERS[2], removed: true });
    expect(await manager.findContainers({ user: USERS[2] })).toEqual([]);

    const stoppedApp = await stopApplicationContainers(catalog, manager, IMAGES.webapp);
    expect(stoppedApp).toHaveLength(18);
    expect(stoppedApp.every((s) => s.removed && !s.error)).toBe(true);
    // The labelled app's container is not the web app's: it stays.
    expect((await manager.listContainers()).map((c) => c.user)).toEqual(['john.doe@example.com']);
    // The other realm's container of the same user and image was never touched.
    expect((await inspect(outsider.container.id)).State.Running).toBe(true);
  });
});
