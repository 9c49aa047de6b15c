import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxySettings } from '../../src-core/api/proxy';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { freePort } from '../support/free-port';
import { serveClient } from '../support/serve-client';
import { row, startUiSession, type UiSession } from '../support/ui-session';

let ui: UiSession;

beforeAll(async () => {
  // The proxy runs, as in the app: its view holds the idle cull; the cull's own timer waits an hour.
  ui = await startUiSession('ui-keyboard', {
    proxy: { settings: proxySettings.parse({ port: await freePort() }) },
    cull: { everyMs: 3_600_000 },
  });
});

afterAll(async () => {
  await ui?.close();
});

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus: how a keyboard gets there. */
async function tabTo(page: Page, target: Locator, back = false) {
  for (let presses = 0; presses < 100; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** The name of what has the focus, as a screen reader would start to read it. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });

describe('launch, stop, relaunch and cull with the keyboard alone (Tab, Enter, Space, Delete; no mouse)', () => {
  it('launches an app for a user from the Launch view', async () => {
    const { page } = ui;
    const nav = page.getByRole('navigation', { name: 'Views' });
    await tabTo(page, nav.getByRole('button', { name: /^Launch/ }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('#launch-users'));
    await page.keyboard.type('kbd-ann');
    const image = page.locator('#launch-image');
    await tabTo(page, image);
    // A closed select takes the first letters of an option, as in any form.
    await page.keyboard.type('Test Web App');
    expect(await image.inputValue()).toBe(IMAGES.labeled);
    await tabTo(page, page.locator('form.launch-form button[type=submit]'));
    await page.keyboard.press('Space');
    const result = page.locator(
      '.launch-result[data-user="kbd-ann"]:not([data-outcome=launching])',
    );
    await result.waitFor({ timeout: 120_000 });
    expect(await result.getAttribute('data-outcome')).toBe('ok');
    expect((await ui.realmContainers()).map((c) => c.State)).toEqual(['running']);
  });

  it('selects its row with Space, asks on Delete, keeps the focus in the question, stops on Enter', async () => {
    const { page } = ui;
    const nav = page.getByRole('navigation', { name: 'Views' });
    await tabTo(page, nav.getByRole('button', { name: /^Containers/ }), true);
    await page.keyboard.press('Enter');
    const check = row(page, 'kbd-ann').getByRole('checkbox');
    await tabTo(page, check);
    await page.keyboard.press('Space');
    expect(await check.isChecked()).toBe(true);

    // Escape takes the question back and returns the focus where it was.
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await focusedName(page)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await isFocused(check)).toBe(true);

    await page.keyboard.press('Delete');
    await dialog.waitFor();
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      names.push(await focusedName(page));
    }
    expect(names).toEqual(['Stop', 'Cancel', 'Stop', 'Cancel']);
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('Stop');
    await page.keyboard.press('Enter');
    await row(page, 'kbd-ann').waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => ui.realmContainers(), { timeout: 60_000 }).toEqual([]);
    expect(ui.browser.pageErrors).toEqual([]);
  });

  it('relaunches a running container: Space, the Relaunch button, Tab and Enter in the question', async () => {
    const { page } = ui;
    const client = serveClient(ui.serve);
    const { container: before } = await client.call('containers.launch', {
      user: 'kbd-re',
      image: IMAGES.labeled,
    });
    client.close();
    const check = row(page, 'kbd-re').getByRole('checkbox');
    await tabTo(page, check);
    await page.keyboard.press('Space');
    // The selection's actions sit above the table: back there with Shift+Tab.
    await tabTo(page, page.getByRole('button', { name: 'Relaunch container' }), true);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Relaunch');
    await page.keyboard.press('Enter');
    const relaunched = async () =>
      (await ui.realmContainers())
        .filter((c) => c.Labels[RUNINFO.user] === 'kbd-re')
        .map((c) => [c.Id === before.id ? 'the old one' : 'a new one', c.State]);
    await expect.poll(relaunched, { timeout: 120_000 }).toEqual([['a new one', 'running']]);
  });

  it('culls an idle container from the Proxy view: policy, check, stop', async () => {
    const { page } = ui;
    const client = serveClient(ui.serve);
    await client.call('containers.launch', { user: 'kbd-idle', image: IMAGES.labeled });
    client.close();
    const nav = page.getByRole('navigation', { name: 'Views' });
    await tabTo(page, nav.getByRole('button', { name: /^Proxy/ }), true);
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('#cull-idleFor'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1s');
    // The relaunched container is spared: it is not the one this cull is for.
    await tabTo(page, page.locator('#cull-exemptUsers'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('kbd-re');
    // Enter in a field saves the policy, as in any form.
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const check = page.getByRole('button', { name: 'Check now' });
    const found = page.locator('.cull-check');
    await expect
      .poll(
        async () => {
          await tabTo(page, check, true);
          await page.keyboard.press('Enter');
          return found.textContent();
        },
        { timeout: 60_000 },
      )
      .toContain('stop kbd-idle');
    await tabTo(page, page.getByRole('button', { name: 'Stop 1 idle' }));
    await page.keyboard.press('Enter');
    await page.locator('.cull-last', { hasText: '1 stopped or removed, 0 failed' }).waitFor();
    // Stopped as a stop does: removed too.
    const left = await ui.realmContainers();
    expect(left.filter((c) => c.Labels[RUNINFO.user] === 'kbd-idle')).toEqual([]);
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
