import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxySettings } from '../../src-core/api/proxy';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { freePort } from '../support/free-port';
import {
  launchFromUi,
  row,
  showContainers,
  startUiSession,
  type UiSession,
} from '../support/ui-session';

let ui: UiSession;

beforeAll(async () => {
  // Through the embedded proxy, as operators open apps: launches wait for readiness, URLs are routed.
  ui = await startUiSession('ui-live', {
    proxy: { settings: proxySettings.parse({ port: await freePort() }) },
  });
});

afterAll(async () => {
  await ui?.close();
});

describe('the containers table, live, in Chromium against serve mode and the real engine', () => {
  it('launches an app for three users from the UI, and their three rows appear without a reload', async () => {
    const { page } = ui;
    await page.evaluate(
      () => ((window as unknown as { sameDocument: boolean }).sameDocument = true),
    );
    await launchFromUi(page, ['alice', 'bob', 'carol'], IMAGES.labeled);
    for (const user of ['alice', 'bob', 'carol'])
      expect(
        await page.locator(`.launch-result[data-user="${user}"]`).getAttribute('data-outcome'),
      ).toBe('ok');
    await showContainers(page);
    for (const user of ['alice', 'bob', 'carol']) {
      await row(page, user).waitFor();
      expect(await row(page, user).getAttribute('data-state')).toBe('running');
      // The application column names the image's ui_name label, not its reference.
      expect(await row(page, user).locator('.col-application').innerText()).toContain(
        'Test Web App',
      );
    }
    expect(
      await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
    expect((await ui.realmContainers()).length).toBe(3);
  });

  it("opens a row's URL in a new tab, showing that container's page with the right JPY_USER", async () => {
    const { page, browser } = ui;
    const [tab] = await Promise.all([
      browser.context.waitForEvent('page'),
      row(page, 'bob').locator('.col-url a').click(),
    ]);
    await tab.waitForLoadState();
    // Through the proxy's single origin, at the container's own path.
    const proxied = new URL(tab.url());
    expect(proxied.pathname).toMatch(/^\/user\/bob\/containers\/[0-9a-f]{32}\/$/);
    const env = await tab.locator('#env').innerText();
    expect(env).toMatch(/^JPY_USER=bob$/m);
    expect(env).not.toMatch(/JPY_USER=(alice|carol)/);
    await tab.close();
  });

  it('searches with `/` and narrows the table to matching rows', async () => {
    const { page } = ui;
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    await page.keyboard.type('carol');
    await expect.poll(() => page.locator('.row[data-user]').count()).toBe(1);
    expect(await row(page, 'carol').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.row[data-user]').count()).toBe(3);
  });

  it('asks before Delete stops a container, and cancelling stops nothing', async () => {
    const { page } = ui;
    await row(page, 'alice').click();
    await page.locator('.details').waitFor();
    await page.locator('.details').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Stop this container?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await ui.realmContainers()).length).toBe(3);
    await page.getByRole('button', { name: 'Close details' }).click();
  });

  it('stops two containers selected in the table: their rows disappear, the third stays', async () => {
    const { page } = ui;
    await row(page, 'alice').getByRole('checkbox').check();
    await row(page, 'carol').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Stop 2 containers' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Stop 2' }).click();
    await row(page, 'alice').waitFor({ state: 'detached' });
    await row(page, 'carol').waitFor({ state: 'detached' });
    expect(await row(page, 'bob').count()).toBe(1);
    const left = await ui.realmContainers();
    expect(left.map((c) => c.Labels[RUNINFO.user])).toEqual(['bob']);
    // The activity panel records the stop and its outcome.
    await page.locator('.activity-item[data-kind=stop][data-outcome=ok]').waitFor();
  });

  it('shows a container killed with the raw Docker API as exited, without a reload', async () => {
    const { page } = ui;
    const [bob] = await ui.realmContainers();
    await ui.env.docker.getContainer(bob!.Id).kill();
    // The DOM changes by itself: the events stream patches the row in place.
    await page.locator('.row[data-user="bob"][data-state="exited"]').waitFor();
    expect(await row(page, 'bob').locator('.badge').innerText()).toContain('exited');
    expect(
      await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
    expect(ui.browser.pageErrors).toEqual([]);
  });

  it('keeps the theme, the sort and the shown columns across a reload', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page
      .getByRole('columnheader', { name: /Uptime/ })
      .getByRole('button')
      .click();
    await page.locator('details.menu summary').click();
    await page.locator('details.menu').getByRole('checkbox', { name: 'URL' }).uncheck();
    await page.reload();
    await row(page, 'bob').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.getByRole('columnheader', { name: /Uptime/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    expect(await page.getByRole('columnheader', { name: /URL/ }).count()).toBe(0);
    expect(await row(page, 'bob').locator('.col-url').count()).toBe(0);
  });

  it('says so when the connection to the host is lost, instead of showing a list that no longer changes', async () => {
    const { page } = ui;
    await ui.serve.close();
    const lost = page.locator('.host-lost [data-code="DISCONNECTED"]');
    await lost.waitFor();
    expect(await lost.innerText()).toContain('The connection to the host dropped');
    // The last known rows stay on screen.
    expect(await row(page, 'bob').count()).toBe(1);
  });
});
