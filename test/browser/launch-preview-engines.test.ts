import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { twoEngineProfiles } from '../support/two-engine-session';
import { showView, startUiSession, type UiSession } from '../support/ui-session';

let second: SecondEngine;
let ui: UiSession;

beforeAll(async () => {
  second = await startSecondEngine('ui-pe');
  ui = await startUiSession('ui-preview-engines', {
    profiles: twoEngineProfiles(second),
  });
});

afterAll(async () => {
  await ui?.close();
  await second?.close();
});

/** The users of this realm with a container on an engine, by the raw API. */
async function usersOn(docker: Docker): Promise<string[]> {
  const list = await docker.listContainers({
    all: true,
    filters: { label: [`${RUNINFO.realm}=${ui.env.realm}`] },
  });
  return list.map((c) => c.Labels[RUNINFO.user]!).sort();
}

/** Each user's container id on an engine, by the raw API. */
async function idsOn(docker: Docker): Promise<Record<string, string>> {
  const list = await docker.listContainers({
    all: true,
    filters: { label: [`${RUNINFO.realm}=${ui.env.realm}`] },
  });
  return Object.fromEntries(list.map((c) => [c.Labels[RUNINFO.user]!, c.Id]));
}

/** Fills the Launch form for `users` on any engine; once the preview is ready, the engines it names. */
async function previewFor(users: string[]) {
  const { page } = ui;
  await page.locator('#launch-users').fill(users.join(', '));
  await page.locator('#launch-image').selectOption(IMAGES.labeled);
  await page.locator('#launch-engine').selectOption('any');
  const preview = page.locator('.preview[data-state=ready]');
  for (const user of users)
    await preview.locator(`.preview-users tr[data-user="${user}"]`).waitFor();
  const perUser: Record<string, string> = {};
  for (const user of users) {
    const cell = preview.locator(`.preview-users tr[data-user="${user}"] .preview-user-engine`);
    if (await cell.count()) perUser[user] = await cell.innerText();
  }
  const replacing = await preview
    .locator('.preview-users .warning', { hasText: 'replaces' })
    .count();
  return { engines: await preview.locator('.preview-engine').innerText(), perUser, replacing };
}

async function launch(users: string[]) {
  const { page } = ui;
  await page.locator('form.launch-form button[type=submit]').click();
  for (const user of users)
    await page.locator(`.launch-result[data-user="${user}"][data-outcome=ok]`).waitFor();
}

describe('the launch preview with engine "any" and two real engines, in Chromium', () => {
  it('names per user the engine the launch then puts them on: spread, and a replacement where it is', async () => {
    await showView(ui.page, 'Launch');
    // Both engines connected: each may be chosen.
    for (const id of ['local', 'second'])
      await ui.page
        .locator(`#launch-engine option[value="${id}"]:not([disabled])`)
        .waitFor({ state: 'attached' });

    // Both empty: the four launches, sent at once, alternate from the first registered.
    const four = ['kim', 'lou', 'max', 'ned'];
    expect(await previewFor(four)).toEqual({
      engines: 'local, second',
      perUser: { kim: 'local', lou: 'second', max: 'local', ned: 'second' },
      replacing: 0,
    });
    await launch(four);
    expect(await usersOn(ui.env.docker)).toEqual(['kim', 'max']);
    expect(await usersOn(second.docker)).toEqual(['lou', 'ned']);
    const before = await idsOn(second.docker);

    // lou again: a tie would go to the first engine, but lou's container is on the second.
    expect(await previewFor(['lou'])).toEqual({ engines: 'second', perUser: {}, replacing: 1 });
    await launch(['lou']);
    expect(await usersOn(second.docker)).toEqual(['lou', 'ned']);
    expect(await usersOn(ui.env.docker)).toEqual(['kim', 'max']);
    const after = await idsOn(second.docker);
    expect(after.ned).toBe(before.ned);
    expect(after.lou).not.toBe(before.lou);
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
