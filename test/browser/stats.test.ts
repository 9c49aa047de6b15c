import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { HOLDER_BYTES, IMAGES } from '../support/fixture-images';
import { screenshotBothThemes } from '../support/screenshots';
import {
  row,
  showContainers,
  showView,
  startUiSession,
  type UiSession,
} from '../support/ui-session';

let ui: UiSession;
/** Samples arrive every 2 s, and a container reads from its second one on. */
const SAMPLED = { timeout: 60_000, interval: 250 };

beforeAll(async () => {
  ui = await startUiSession('ui-stats');
  const launch = (user: string, image: string) =>
    ui.env.core.launcher.launch('local', { user, image, mappingId: 'app' });
  // A busy loop, a known amount of memory held, and idle apps beside them.
  await launch('ann', IMAGES.busy);
  await launch('ben', IMAGES.holder);
  for (const user of ['cid', 'dan']) await launch(user, IMAGES.webapp);
  await launch('eve', IMAGES.labeled);
});

afterAll(async () => {
  await ui?.close();
});

/**
 * The pixels a canvas has drawn (alpha above 0), and of those the ones
 * close to `color` (a CSS hex colour): what tells a drawn line from an empty canvas.
 */
function ink(page: Page, selector: string, color?: string) {
  return page.evaluate(
    ({ selector, color }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(selector);
      if (!canvas || canvas.width === 0) return { drawn: 0, colored: 0 };
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const want = color?.match(/[0-9a-f]{2}/gi)?.map((h) => parseInt(h, 16));
      let drawn = 0;
      let colored = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! === 0) continue;
        drawn += 1;
        if (
          want &&
          data[i + 3]! > 200 &&
          Math.abs(data[i]! - want[0]!) +
            Math.abs(data[i + 1]! - want[1]!) +
            Math.abs(data[i + 2]! - want[2]!) <
            60
        )
          colored += 1;
      }
      return { drawn, colored };
    },
    { selector, color },
  );
}

const chartColor = (page: Page, variable: string) =>
  page.evaluate(
    (v) => getComputedStyle(document.documentElement).getPropertyValue(v).trim(),
    variable,
  );

describe('resource use in Chromium, against serve mode and the real engine', () => {
  it("shows each running container's CPU and memory, with a sparkline drawn in each row", async () => {
    const { page } = ui;
    await showContainers(page);
    const headers = page.getByRole('columnheader');
    await expect
      .poll(() => headers.allInnerTexts())
      .toEqual(expect.arrayContaining(['CPU', 'MEMORY']));
    const cpuColor = await chartColor(page, '--chart-cpu');
    for (const user of ['ann', 'ben', 'cid', 'dan', 'eve']) {
      await expect
        .poll(() => row(page, user).locator('.col-cpu').innerText(), SAMPLED)
        .toMatch(/^\d+(\.\d)?%$/);
      // Two samples make a line.
      await expect
        .poll(
          async () =>
            (await ink(page, `.row[data-user="${user}"] .col-cpu canvas`, cpuColor)).colored,
          SAMPLED,
        )
        .toBeGreaterThan(0);
      expect(
        (await ink(page, `.row[data-user="${user}"] .col-memory canvas`)).drawn,
      ).toBeGreaterThan(0);
    }
    // The holder's 48 MiB, as the core read it (within 10%).
    const held = await row(page, 'ben').locator('.col-memory').innerText();
    expect(held).toMatch(/^[\d.]+ MiB$/);
    expect(Math.abs(parseFloat(held) * 1024 * 1024 - HOLDER_BYTES)).toBeLessThan(
      HOLDER_BYTES * 0.1,
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(ui.browser.pageErrors).toEqual([]);
  });

  it('sorts by CPU with the busy container first, on the first click', async () => {
    const { page } = ui;
    const header = page.getByRole('columnheader', { name: 'CPU' });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await expect
      .poll(() => page.locator('.row[data-user]').first().getAttribute('data-user'), SAMPLED)
      .toBe('ann');
    // The loop reads well above the idle apps.
    const busy = parseFloat(await row(page, 'ann').locator('.col-cpu').innerText());
    const idle = parseFloat(await row(page, 'cid').locator('.col-cpu').innerText());
    expect(busy).toBeGreaterThan(5);
    expect(busy).toBeGreaterThan(idle * 5);
  });

  it('draws CPU, memory and network charts over the session in the details, under the CSP', async () => {
    const { page } = ui;
    await row(page, 'ann').click();
    const charts = page.locator('.details .usage-chart');
    await expect
      .poll(() => charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-chart'))))
      .toEqual(['cpu', 'memory', 'network']);
    for (const [chart, variable] of [
      ['cpu', '--chart-cpu'],
      ['memory', '--chart-memory'],
      ['network', '--chart-rx'],
    ] as const) {
      const color = await chartColor(page, variable);
      // The line itself, in its colour, not only the axes and grid.
      await expect
        .poll(
          async () =>
            (await ink(page, `.usage-chart[data-chart="${chart}"] canvas`, color)).colored,
          SAMPLED,
        )
        .toBeGreaterThan(20);
    }
    expect(await charts.first().getAttribute('aria-label')).toMatch(
      /^CPU over this session, now \d/,
    );
    expect(await seriousViolations(page)).toEqual([]);
    // uPlot sizes its elements from script (CSSOM, which style-src 'self' allows): nothing was refused.
    expect(ui.browser.pageErrors).toEqual([]);
  });

  it("shows each engine's totals against its capacity on its card", async () => {
    const { page } = ui;
    await showView(page, 'Engines');
    const card = page.locator('.engine-card[data-engine="local"]');
    const info = (await ui.env.docker.info()) as { NCPU: number };
    await expect
      .poll(() => card.locator('[data-load="cpu"] .load-text').innerText(), SAMPLED)
      .toMatch(new RegExp(`^\\d+\\.\\d\\d of ${info.NCPU} CPUs$`));
    await expect
      .poll(() => card.locator('[data-load="memory"] .load-text').innerText())
      .toMatch(/ of [\d.]+ GiB$/);
    // The busy loop alone is a visible share.
    expect(
      Number(await card.getByRole('meter', { name: 'CPU in use' }).getAttribute('aria-valuenow')),
    ).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('is drawn light and dark for the README, and passes axe in the dark theme too', async () => {
    const { page } = ui;
    await showContainers(page);
    // Half a minute of samples, so that the lines have a shape.
    await expect
      .poll(
        async () =>
          Number(await row(page, 'ann').locator('.col-cpu canvas').getAttribute('data-points')),
        SAMPLED,
      )
      .toBeGreaterThanOrEqual(15);
    await page.getByRole('button', { name: 'Close details' }).click();
    await page.locator('.details').waitFor({ state: 'detached' });
    // Each ends in the dark theme: axe then checks the dark colours.
    await screenshotBothThemes(page, 'containers-stats');
    expect(await seriousViolations(page)).toEqual([]);
    await row(page, 'ann').click();
    await page.locator('.details .usage-chart').nth(2).waitFor();
    await screenshotBothThemes(page, 'details-usage');
    expect(await seriousViolations(page)).toEqual([]);
    await showView(page, 'Engines');
    await page.locator('.engine-card[data-engine="local"] [data-load="cpu"]').waitFor();
    await screenshotBothThemes(page, 'engines-load');
    expect(await seriousViolations(page)).toEqual([]);
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
