import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxySettings } from '../../src-core/api/proxy';
import { seriousViolations, type AxeFinding } from '../support/axe';
import { IMAGES } from '../support/fixture-images';
import { freePort } from '../support/free-port';
import { serveClient } from '../support/serve-client';
import {
  launchFromUi,
  row,
  showContainers,
  showView,
  startUiSession,
  type UiSession,
} from '../support/ui-session';

let ui: UiSession;
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-a11y-'));

beforeAll(async () => {
  ui = await startUiSession('ui-a11y', {
    catalogPath: join(configDir, 'catalog.db'),
    proxy: { settings: proxySettings.parse({ port: await freePort() }) },
  });
  const client = serveClient(ui.serve);
  await client.call('catalog.addApplication', { image: IMAGES.labeled });
  for (const user of ['alice', 'bob']) {
    await client.call('catalog.addUser', { name: user });
    await client.call('catalog.addGrant', { user, image: IMAGES.labeled, policy: {} });
  }
  // An engine that never answers: its banner, its card and its badge.
  await client.call('engines.add', {
    profile: { kind: 'tcp', id: 'down', host: '127.0.0.1', port: await freePort() },
  });
  client.close();
  // A launch that works and one that fails, so that rows, results and errors are all on show.
  await launchFromUi(ui.page, ['alice', 'bob'], IMAGES.labeled);
  await launchFromUi(ui.page, ['carol'], IMAGES.broken);
});

afterAll(async () => {
  await ui?.close();
  rmSync(configDir, { recursive: true, force: true });
});

/**
 * axe's serious and critical findings on what `show` puts on screen, in the
 * light theme and in the dark; `hide` takes it away again (a dialog must be
 * closed to reach the theme switch).
 */
async function bothThemes(page: Page, show?: () => Promise<void>, hide?: () => Promise<void>) {
  const found: Record<string, AxeFinding[]> = {};
  for (const theme of ['light', 'dark'] as const) {
    const current = await page.evaluate(() => document.documentElement.dataset.theme);
    if (current !== theme) await page.getByRole('button', { name: /Switch to .* theme/ }).click();
    await page.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached' });
    await show?.();
    const violations = await seriousViolations(page);
    if (violations.length) found[theme] = violations;
    await hide?.();
  }
  return found;
}

describe('axe-core in Chromium: no serious or critical violation, light and dark', () => {
  it('in every view of the navigation', async () => {
    const { page } = ui;
    const nav = page.getByRole('navigation', { name: 'Views' }).getByRole('button');
    const names = (await nav.allInnerTexts()).map((n) => n.split('\n')[0]!.trim());
    expect(names).toEqual(expect.arrayContaining(['Containers', 'Launch', 'Catalog', 'Engines']));
    const found: Record<string, unknown> = {};
    for (const [i, name] of names.entries()) {
      await nav.nth(i).click();
      await page.locator('main .view').first().waitFor();
      const view = await bothThemes(page);
      if (Object.keys(view).length) found[name] = view;
    }
    expect(found).toEqual({});
  });

  it('in the containers view: rows, a selection, the stop question, the details and logs', async () => {
    const { page } = ui;
    await showContainers(page);
    await page.locator('.banner[data-engine="down"]').waitFor();
    await row(page, 'alice').getByRole('checkbox').check();
    expect(await bothThemes(page)).toEqual({});
    const dialog = page.getByRole('dialog');
    expect(
      await bothThemes(
        page,
        () => page.getByRole('button', { name: /^Stop container/ }).click(),
        () => dialog.getByRole('button', { name: 'Cancel' }).click(),
      ),
    ).toEqual({});
    await row(page, 'alice').getByRole('checkbox').uncheck();
    await row(page, 'bob').locator('.col-user').click();
    const details = page.getByRole('complementary', { name: 'Container details' });
    await details.getByText('Image').waitFor();
    expect(await bothThemes(page)).toEqual({});
    await details.getByRole('tab', { name: 'Logs' }).click();
    expect(await bothThemes(page)).toEqual({});
  });

  it('in the launch modes (a preview, the grants) and the catalog tabs', async () => {
    const { page } = ui;
    await showView(page, 'Launch');
    await page.locator('#launch-users').fill('dave, erin');
    await page.locator('#launch-image').selectOption(IMAGES.labeled);
    await page.locator('.preview-user[data-user="erin"]').waitFor();
    expect(await bothThemes(page)).toEqual({});
    await page.getByRole('tab', { name: 'From grants' }).click();
    await page.locator('#grant-app').selectOption(IMAGES.labeled);
    await page.locator('.grant-users').waitFor();
    expect(await bothThemes(page)).toEqual({});
    await showView(page, 'Catalog');
    const tabs = page.locator('.catalog-view').getByRole('tab');
    const found: Record<string, unknown> = {};
    for (const name of await tabs.allInnerTexts()) {
      await tabs.filter({ hasText: name }).click();
      const tab = await bothThemes(page);
      if (Object.keys(tab).length) found[name] = tab;
    }
    expect(found).toEqual({});
  });
});
