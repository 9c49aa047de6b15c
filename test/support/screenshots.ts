import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Where screenshots go: docs/screenshots (linked from the README) with
 * UPDATE_SCREENSHOTS=1, else a scratch folder, so that a plain test run
 * still takes them (and fails if a view cannot be drawn) but changes no file.
 */
const OUT = process.env.UPDATE_SCREENSHOTS
  ? join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
  : mkdtempSync(join(tmpdir(), 'remoteapp-screens-'));

/** The page as it is, once in the light theme and once in the dark (`<name>-light.png`, `<name>-dark.png`). */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    const current = await page.evaluate(() => document.documentElement.dataset.theme);
    if (current !== theme) await page.getByRole('button', { name: /Switch to .* theme/ }).click();
    await page.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached' });
    await page.waitForTimeout(250); // transitions settle
    await page.screenshot({ path: join(OUT, `${name}-${theme}.png`) });
  }
}
