import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxySettings } from '../../src-core/api/proxy';
import { RUNINFO } from '../../src-core/realm/labels';
import { seriousViolations } from '../support/axe';
import { IMAGES } from '../support/fixture-images';
import { freePort } from '../support/free-port';
import {
  launchFromUi,
  row,
  showContainers,
  showView,
  startUiSession,
  type UiSession,
} from '../support/ui-session';

let ui: UiSession;

beforeAll(async () => {
  ui = await startUiSession('ui-relaunch', {
    proxy: { settings: proxySettings.parse({ port: await freePort() }) },
  });
  await launchFromUi(ui.page, ['rita', 'sam'], IMAGES.webapp);
  await showContainers(ui.page);
});

afterAll(async () => {
  await ui?.close();
});

// The machine may be loaded: a relaunch waits for the app to answer through the proxy.
const SLOW = { timeout: 60_000 };

/** The user's containers in the realm, as Docker lists them. */
async function containersOf(user: string) {
  return (await ui.realmContainers()).filter((c) => c.Labels[RUNINFO.user] === user);
}

/** Stops a user's container behind the app's back, as a daemon restart would, and waits for its row to say so. */
async function exit(page: Page, user: string): Promise<string> {
  const [c] = await containersOf(user);
  await ui.env.docker.getContainer(c!.Id).kill();
  await page.locator(`.row[data-user="${user}"][data-state="exited"]`).waitFor(SLOW);
  return c!.Id;
}

/** Resolves once the user has one container, running, other than `old`. */
async function relaunched(page: Page, user: string, old: string) {
  await page.locator(`.row[data-user="${user}"][data-state="running"]`).waitFor(SLOW);
  await expect
    .poll(async () => (await containersOf(user)).map((c) => [c.State, c.Id === old]), SLOW)
    .toEqual([['running', false]]);
}

describe('relaunch and the realm check, in Chromium against serve mode and the real engine', () => {
  it('relaunches an exited container selected in the table, without asking', async () => {
    const { page } = ui;
    const old = await exit(page, 'rita');
    await row(page, 'rita').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Relaunch container' }).click();
    await relaunched(page, 'rita', old);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.locator('.activity-item[data-kind=relaunch][data-outcome=ok]').waitFor(SLOW);
  });

  it('asks before relaunching a running container, then replaces it', async () => {
    const { page } = ui;
    const [old] = await containersOf('sam');
    await row(page, 'sam').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Relaunch container' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('unsaved work');
    await dialog.getByRole('button', { name: 'Relaunch' }).click();
    await expect.poll(async () => (await containersOf('sam'))[0]?.Id !== old!.Id, SLOW).toBe(true);
    await relaunched(page, 'sam', old!.Id);
  });

  it('relaunches every exited container from the banner that counts them', async () => {
    const { page } = ui;
    const old = { rita: await exit(page, 'rita'), sam: await exit(page, 'sam') };
    const banner = page.locator('.exited-banner');
    await expect.poll(() => banner.textContent(), SLOW).toContain('2 containers have exited');
    expect(await seriousViolations(page)).toEqual([]);
    await banner.getByRole('button', { name: 'Relaunch all exited' }).click();
    await relaunched(page, 'rita', old.rita);
    await relaunched(page, 'sam', old.sam);
    await banner.waitFor({ state: 'detached', ...SLOW });
  });

  it("lists the check's findings by kind and fixes them all with one click", async () => {
    const { page } = ui;
    const exited = await exit(page, 'sam');
    const created = await ui.env.docker.createContainer({
      Image: IMAGES.webapp,
      Labels: {
        [RUNINFO.user]: 'tom',
        [RUNINFO.mappingId]: 'm-tom',
        [RUNINFO.urlId]: 'f00d',
        [RUNINFO.urlpath]: '/user/tom/containers/f00d',
        [RUNINFO.realm]: ui.env.realm,
      },
    });
    await showView(page, 'Check');
    const view = page.getByRole('region', { name: 'Check' });
    await view.locator('[data-kind=never-started] tr[data-id]').waitFor(SLOW);
    expect(
      await view.locator('[data-kind=never-started] tr[data-id]').getAttribute('data-id'),
    ).toBe(created.id);
    expect(await view.locator('[data-kind=exited] tr[data-id]').getAttribute('data-id')).toBe(
      exited,
    );
    // This session's catalog has no users: said, not taken for none gone.
    expect(await view.locator('.not-checked [data-what=catalog]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await view.getByRole('button', { name: 'Fix all 2' }).click();
    await view.locator('[data-outcome=clean]').waitFor(SLOW);
    expect(await containersOf('tom')).toEqual([]);
    await showContainers(page);
    await relaunched(page, 'sam', exited);
    await page.locator('.activity-item[data-kind=fix][data-outcome=ok]').waitFor(SLOW);
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
