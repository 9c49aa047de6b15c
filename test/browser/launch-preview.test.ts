import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNINFO } from '../../src-core/realm/labels';
import { bindsOf } from '../support/container-binds';
import { IMAGES } from '../support/fixture-images';
import { showView, startUiSession, type UiSession } from '../support/ui-session';

let ui: UiSession;
const hostDir = mkdtempSync(join(tmpdir(), 'remoteapp-ui-preview-'));
const missing = join(hostDir, 'not-there');

beforeAll(async () => {
  ui = await startUiSession('ui-preview');
  await showView(ui.page, 'Launch');
});

afterAll(async () => {
  await ui?.close();
  rmSync(hostDir, { recursive: true, force: true });
});

describe('the launch preview, in Chromium against serve mode', () => {
  it('shows per user what will be created, random parts marked and the missing host path flagged, creating nothing', async () => {
    const { page } = ui;
    await page.locator('#launch-users').fill('ann, ben');
    await page.locator('#launch-image').selectOption(IMAGES.webapp);
    await page.locator('#launch-engine').selectOption('local');
    for (const [i, source, target] of [
      [0, hostDir, '/data'],
      [1, missing, '/scratch'],
    ] as const) {
      await page.getByRole('button', { name: 'Add volume' }).click();
      await page.locator(`#volume-${i}-source`).fill(source);
      await page.locator(`#volume-${i}-target`).fill(target);
    }
    await page.locator('#launch-licence').fill('site-2026');
    const preview = page.locator('.preview[data-state=ready]');
    await preview.locator('details.preview-user[data-user="ann"] .bind.missing').waitFor();
    expect(await preview.locator('details.preview-user').count()).toBe(2);

    const names = await preview.locator('.preview-users tbody tr td:nth-child(2)').allInnerTexts();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(new RegExp(`^${ui.env.realm}-ann-[0-9a-f]{32}-\\{random\\}`));
    expect(names[1]).toMatch(new RegExp(`^${ui.env.realm}-ben-[0-9a-f]{32}-\\{random\\}`));
    expect(
      await preview.locator('.preview-users .random-part').first().getAttribute('title'),
    ).toMatch(/random letters/);

    const ann = preview.locator('details.preview-user[data-user="ann"]');
    const annText = await ann.innerText();
    expect(annText).toContain(`${RUNINFO.realm}=${ui.env.realm}`);
    expect(annText).toContain(`${RUNINFO.urlpath}=/user/ann/containers/{url_id}`);
    expect(annText).toContain('JPY_USER=ann');
    expect(annText).toContain('APP_LICENSE=site-2026');
    expect(await ann.locator('.bind:not(.missing)').innerText()).toContain(
      `${hostDir} → /data (ro)`,
    );
    expect(await ann.locator('.bind.missing').innerText()).toContain('missing: skipped');
    expect(await ann.locator('.preview-port').innerText()).toBe(
      '8888, published on 127.0.0.1 only',
    );
    expect(await preview.locator('.preview-missing').innerText()).toContain(missing);
    expect(await ui.realmContainers()).toEqual([]);
  });

  it('a refused image shows the code and sentence in the preview', async () => {
    const { page } = ui;
    await page.locator('#launch-users').fill('ann');
    await page.locator('#volume-1-source').fill('relative/path');
    const notice = page.locator('.preview[data-state=failed] .error-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('data-code')).toBe('VALIDATION');
    expect(await notice.innerText()).toContain('volumes[1].source');
    await page.locator('#volume-1-source').fill(missing);
    await page.locator('.preview[data-state=ready]').waitFor();
  });

  it('the launch then creates what was shown, skipping the flagged path', async () => {
    const { page } = ui;
    const shown = await page.locator('.preview-users tbody tr td:nth-child(2)').innerText();
    const prefix = shown.slice(0, shown.indexOf('{random}'));
    await page.locator('form.launch-form button[type=submit]').click();
    await page.locator('.launch-result[data-user="ann"][data-outcome=ok]').waitFor();
    expect(await page.locator('.launch-result[data-user="ann"]').innerText()).toContain(missing);
    const [made] = await ui.realmContainers();
    expect(made!.Names[0]).toMatch(new RegExp(`^/${prefix}[a-z]{10}$`));
    const info = await ui.env.docker.getContainer(made!.Id).inspect();
    expect(bindsOf(info)).toEqual([`${hostDir}:/data:ro`]);
    // The preview now names the container a new launch would replace.
    await page
      .locator('.preview[data-state=ready] .preview-users .warning', { hasText: 'replaces' })
      .waitFor();
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
