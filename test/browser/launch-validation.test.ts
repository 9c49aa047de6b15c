import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { showView, startUiSession, type UiSession } from '../support/ui-session';

let ui: UiSession;

beforeAll(async () => {
  ui = await startUiSession('ui-invalid');
  await showView(ui.page, 'Launch');
});

afterAll(async () => {
  await ui?.close();
});

describe('invalid launch input, in Chromium against serve mode', () => {
  it('an empty user list shows the users field error and creates nothing', async () => {
    const { page } = ui;
    await page.locator('#launch-image').selectOption(IMAGES.labeled);
    await page.locator('#launch-users').fill('   ');
    await page.locator('form.launch-form button[type=submit]').click();
    const error = page.locator('#launch-users-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('must name at least one user');
    expect(await page.locator('#launch-users').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.launch-result').count()).toBe(0);
    expect(await ui.realmContainers()).toEqual([]);
  });

  it("a bad volume shows the core's refusal at that volume's field, with its code, and creates nothing", async () => {
    const { page } = ui;
    await page.locator('#launch-users').fill('dan, erin');
    await page.getByRole('button', { name: 'Add volume' }).click();
    await page.locator('#volume-0-source').fill('relative/data');
    await page.locator('#volume-0-target').fill('/data');
    await page.locator('form.launch-form button[type=submit]').click();
    await page.locator('.launch-result[data-user="dan"][data-outcome=error]').waitFor();
    await page.locator('.launch-result[data-user="erin"][data-outcome=error]').waitFor();
    const fieldError = page.locator('.volume .field.invalid .field-error');
    await fieldError.waitFor();
    expect(await fieldError.innerText()).toMatch(/must be an absolute path/);
    expect(await page.locator('#volume-0-source').getAttribute('aria-invalid')).toBe('true');
    const result = page.locator('.launch-result[data-user="dan"] .error-notice');
    expect(await result.getAttribute('data-code')).toBe('VALIDATION');
    expect(await result.innerText()).toContain('volumes[0].source');
    expect(await ui.realmContainers()).toEqual([]);
  });

  it('fixing the field clears its error and the launch goes through', async () => {
    const { page } = ui;
    await page.locator('#launch-users').fill('dan');
    await page.locator('#volume-0-source').fill('/tmp');
    await page.locator('form.launch-form button[type=submit]').click();
    await page.locator('.launch-result[data-user="dan"][data-outcome=ok]').waitFor();
    expect(await page.locator('.field.invalid').count()).toBe(0);
    const made = await ui.realmContainers();
    expect(made.map((c) => c.Labels[RUNINFO.user])).toEqual(['dan']);
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
