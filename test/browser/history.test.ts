import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../renderer/format/duration';
import { IMAGES } from '../support/fixture-images';
import { serveClient } from '../support/serve-client';
import {
  launchFromUi,
  row,
  showContainers,
  startUiSession,
  type UiSession,
} from '../support/ui-session';

let ui: UiSession;
const dir = mkdtempSync(join(tmpdir(), 'remoteapp-ui-history-'));
const historyPath = join(dir, 'operations.json');

beforeAll(async () => {
  ui = await startUiSession('ui-history', { historyPath });
});

afterAll(async () => {
  await ui?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The activity panel as the operator reads it, newest first. */
function activity(page: Page) {
  return page.locator('.activity-item').evaluateAll((items) =>
    items.map((item) => ({
      title: item.querySelector('.activity-title')?.textContent,
      outcome: item.getAttribute('data-outcome'),
      line: item.querySelector('.muted.small')?.textContent,
      failed: [...item.querySelectorAll('.activity-error')].map(
        (e) =>
          `${e.getAttribute('data-item')}: ${e.querySelector('.error-notice')?.getAttribute('data-code')}`,
      ),
    })),
  );
}

describe('the activity panel keeps its history (in Chromium against serve mode)', () => {
  it('shows the same operations, with their per-user results, after a reload', async () => {
    const { page } = ui;
    await launchFromUi(page, ['hist-ann', 'hist-bob'], IMAGES.labeled);
    await launchFromUi(page, ['hist-cid'], IMAGES.broken);
    await showContainers(page);
    await row(page, 'hist-bob').getByRole('checkbox').check();
    await page.getByRole('button', { name: /^Stop container/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Stop' }).click();
    // Another window's operation appears here too, as it happens.
    const other = serveClient(ui.serve);
    await other.call('operations.begin', {
      operationId: 'other-window-1',
      kind: 'launch',
      title: 'Launch from another window',
      total: 1,
    });
    await other
      .call('containers.launch', {
        user: 'hist-dan',
        image: 'remoteapp-test/not-built:1',
        operationId: 'other-window-1',
      })
      .catch(() => undefined);
    await other.call('operations.finish', { operationId: 'other-window-1' });
    other.close();

    const expected = [
      {
        title: 'Launch from another window',
        outcome: 'failed',
        failed: ['hist-dan: IMAGE_NOT_FOUND'],
      },
      { title: expect.stringMatching(/^Stop hist-bob /), outcome: 'ok', failed: [] },
      {
        title: expect.stringMatching(/ for hist-cid$/),
        outcome: 'failed',
        failed: [expect.stringMatching(/^hist-cid: /)],
      },
      { title: 'Launch Test Web App for 2 users', outcome: 'ok', failed: [] },
    ];
    await expect
      .poll(async () => (await activity(page)).map(({ line: _, ...rest }) => rest), {
        timeout: 60_000,
      })
      .toEqual(expected);
    const before = await activity(page);

    await page.reload();
    await page.locator('.activity-item').first().waitFor();
    await expect.poll(() => activity(page), { timeout: 30_000 }).toEqual(before);
    // Kept by the core in its settings folder, not in the page's storage.
    expect(JSON.parse(readFileSync(historyPath, 'utf8')).operations).toHaveLength(4);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('hist-ann');
    expect(ui.browser.pageErrors).toEqual([]);
  });
});

describe('the uptime cell reads true', () => {
  it('counts a young container by the second, its text the real age whenever read', async () => {
    const { page } = ui;
    await launchFromUi(page, ['tick-eve'], IMAGES.labeled);
    await showContainers(page);
    const [container] = (await ui.realmContainers()).filter(
      (c) => c.Labels['eu.simphony-project.docker.runinfo.user'] === 'tick-eve',
    );
    const cell = row(page, 'tick-eve').locator('.col-uptime');
    const wrong: string[] = [];
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const { text, now } = await cell.evaluate((el) => ({
            text: el.textContent ?? '',
            now: Date.now(),
          }));
          // What the cell should say now, and a second either side of it (the ticker's step).
          const age = now - container!.Created * 1000;
          const truth = [age - 1000, age, age + 1000].map(formatDuration);
          if (!truth.includes(text)) wrong.push(`${text} at ${formatDuration(age)}`);
          seen.add(text);
          return seen.size;
        },
        { timeout: 30_000, interval: 300 },
      )
      .toBeGreaterThanOrEqual(4);
    expect(wrong).toEqual([]);
    expect([...seen].every((t) => /^\d+s$/.test(t))).toBe(true);
  });
});
