import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../support/fixture-images';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { showView, startUiSession, type UiSession } from '../support/ui-session';

let second: SecondEngine;
let ui: UiSession;

beforeAll(async () => {
  second = await startSecondEngine('ui-pe');
  ui = await startUiSession('ui-preview-engines', {
    profiles: [
      { kind: 'env', id: 'local', name: 'Local', env: { DOCKER_HOST: inject('dockerHost') } },
      { kind: 'socket', id: 'second', name: 'Second', path: second.socketPath },
    ],
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

/** Fills the Launch form for `users` on any engine; the engine the ready preview names. */
async function previewFor(users: string[]): Promise<string> {
  const { page } = ui;
  await page.locator('#launch-users').fill(users.join(', '));
  await page.locator('#launch-image').selectOption(IMAGES.labeled);
  await page.locator('#launch-engine').selectOption('any');
  const preview = page.locator('.preview[data-state=ready]');
  for (const user of users)
    await preview.locator(`.preview-users tr[data-user="${user}"]`).waitFor();
  // One engine for all: named once, no column per user.
  expect(await preview.locator('.preview-user-engine').count()).toBe(0);
  return preview.locator('.preview-engine').innerText();
}

async function launch(users: string[]) {
  const { page } = ui;
  await page.locator('form.launch-form button[type=submit]').click();
  for (const user of users)
    await page.locator(`.launch-result[data-user="${user}"][data-outcome=ok]`).waitFor();
}

describe('the launch preview with engine "any" and two real engines, in Chromium', () => {
  it('names the engine the launch then puts every user on', async () => {
    await showView(ui.page, 'Launch');
    // Both engines connected: each may be chosen.
    for (const id of ['local', 'second'])
      await ui.page
        .locator(`#launch-engine option[value="${id}"]:not([disabled])`)
        .waitFor({ state: 'attached' });

    // Both empty: the first registered.
    expect(await previewFor(['kim', 'lou'])).toBe('local');
    await launch(['kim', 'lou']);
    expect(await usersOn(ui.env.docker)).toEqual(['kim', 'lou']);
    expect(await usersOn(second.docker)).toEqual([]);

    // The second engine now holds fewer: the preview says so, and the launch goes there.
    expect(await previewFor(['max', 'ned'])).toBe('second');
    await launch(['max', 'ned']);
    expect(await usersOn(second.docker)).toEqual(['max', 'ned']);
    expect(await usersOn(ui.env.docker)).toEqual(['kim', 'lou']);
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
