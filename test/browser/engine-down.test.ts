import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { screenshotBothThemes } from '../support/screenshots';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { twoEngineProfiles } from '../support/two-engine-session';
import {
  launchFromUi,
  row,
  showContainers,
  showView,
  startUiSession,
  type UiSession,
} from '../support/ui-session';

let second: SecondEngine;
let ui: UiSession;

beforeAll(async () => {
  second = await startSecondEngine('ui-down');
  ui = await startUiSession('ui-down', {
    profiles: twoEngineProfiles(second),
  });
});

afterAll(async () => {
  await ui?.close();
  await second?.close();
});

const engineCard = (id: string) => ui.page.locator(`.engine-card[data-engine="${id}"]`);

describe('an engine that goes down, in Chromium against serve mode and two real engines', () => {
  it('lists the containers of both engines', async () => {
    const { page } = ui;
    await launchFromUi(page, ['frank'], IMAGES.labeled, 'second');
    await launchFromUi(page, ['grace'], IMAGES.labeled, 'local');
    await showContainers(page);
    await row(page, 'frank').waitFor();
    await row(page, 'grace').waitFor();
    expect(await row(page, 'frank').locator('.col-engine').innerText()).toBe('second');
    expect(await row(page, 'frank').getAttribute('data-stale')).toBeNull();
  });

  it('previews a launch on engine "any" over both: each user\'s engine in its own column', async () => {
    const { page } = ui;
    await showView(page, 'Launch');
    await page.locator('#launch-users').fill('frank, grace, heidi, ivan');
    await page.locator('#launch-image').selectOption(IMAGES.labeled);
    await page.locator('#launch-engine').selectOption('any');
    const preview = page.locator('.preview[data-state=ready]');
    await preview.locator('.preview-users tr[data-user="ivan"]').waitFor();
    expect(await preview.locator('.preview-users th').allInnerTexts()).toEqual([
      'User',
      'Container name',
      'Engine',
      'Catalog',
    ]);
    const engineOf = (user: string) =>
      preview.locator(`.preview-users tr[data-user="${user}"] .preview-user-engine`).innerText();
    // frank and grace are replaced where they run; the new users spread, a tie going to the first.
    expect(await engineOf('frank')).toBe('second');
    expect(await engineOf('grace')).toBe('local');
    expect(await engineOf('heidi')).toBe('local');
    expect(await engineOf('ivan')).toBe('second');
    expect(await preview.locator('.preview-users .warning', { hasText: 'replaces' }).count()).toBe(
      2,
    );
    expect(await preview.locator('.preview-engine').innerText()).toBe('second, local');
    await screenshotBothThemes(page, 'launch-preview-engines');
    await showContainers(page);
  });

  it("marks the down engine's rows stale, keeps them, and says since when it is down", async () => {
    const { page } = ui;
    await second.stopDaemon();
    await page.locator('.row[data-user="frank"][data-stale]').waitFor({ timeout: 45_000 });
    // Kept, not dropped; the other engine's rows stay current.
    expect(await row(page, 'frank').count()).toBe(1);
    expect(await row(page, 'grace').getAttribute('data-stale')).toBeNull();
    const banner = page.locator('.banner[data-engine="second"]');
    expect(await banner.innerText()).toMatch(
      /Second is (reconnecting|unreachable) since .*last known state/,
    );
    await screenshotBothThemes(page, 'containers-engine-down');
    await showView(page, 'Engines');
    expect(await engineCard('second').getAttribute('data-state')).toMatch(
      /^(reconnecting|unreachable)$/,
    );
    expect(await engineCard('second').innerText()).toMatch(/Down since/);
    expect(await engineCard('second').innerText()).toMatch(/1 \(last known\)/);
    expect(await engineCard('local').getAttribute('data-state')).toBe('connected');
    await screenshotBothThemes(page, 'engines-down');
  });

  it('shows the engine connected again and its rows current when it returns', async () => {
    const { page } = ui;
    await second.startDaemon();
    await page
      .locator('.engine-card[data-engine="second"][data-state="connected"]')
      .waitFor({ timeout: 45_000 });
    await showContainers(page);
    await page.locator('.row[data-user="frank"]:not([data-stale])').waitFor();
    await page.locator('.banner[data-engine="second"]').waitFor({ state: 'detached' });
    // What the returned engine has is what the row shows (its containers stopped with the daemon).
    const [frank] = await second.docker.listContainers({
      all: true,
      filters: { label: [`${RUNINFO.realm}=${ui.env.realm}`] },
    });
    await page.locator(`.row[data-user="frank"][data-state="${frank!.State}"]`).waitFor();
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
