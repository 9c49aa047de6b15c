import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { showContainers, showView, startUiSession, type UiSession } from '../support/ui-session';

// The test engine, and a daemon that is down: a socket nothing listens on.
const dir = mkdtempSync(join(tmpdir(), 'remoteapp-empty-'));
const deadSocket = join(dir, 'docker.sock');
let ui: UiSession;

beforeAll(async () => {
  ui = await startUiSession('ui-empty', {
    profiles: [
      { kind: 'env', id: 'local', env: { DOCKER_HOST: inject('dockerHost') } },
      { kind: 'socket', id: 'down', path: deadSocket },
    ],
  });
});

afterAll(async () => {
  await ui?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an empty table, in Chromium against serve mode', () => {
  it('with an engine down, says which engines were not checked and where they were tried', async () => {
    const { page } = ui;
    await showContainers(page);
    const empty = page.locator('.containers-view .empty-state');
    await expect
      .poll(() => empty.locator('.empty-title').textContent())
      .toBe('No containers on the engines that answered');
    const down = empty.locator('li[data-engine="down"]');
    expect(await down.innerText()).toContain(`unix://${deadSocket}: unreachable`);
    expect(await page.locator('body').innerText()).not.toContain('No containers in this realm');
  });

  it('says "No containers in this realm" once every engine answered', async () => {
    const { page } = ui;
    await showView(page, 'Engines');
    const card = page.locator('.engine-card[data-engine="down"]');
    await card.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await card.waitFor({ state: 'detached' });
    await showContainers(page);
    await expect
      .poll(() => page.locator('.containers-view .empty-state .empty-title').textContent())
      .toBe('No containers in this realm');
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
