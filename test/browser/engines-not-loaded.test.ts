import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Request } from '../../src-core/api/contract';
import { writeDockerContext } from '../support/docker-contexts';
import { showView, startUiSession, type UiSession } from '../support/ui-session';

type Profile = Request<'engines.add'>['profile'];

let ui: UiSession;
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-ui-not-loaded-'));
const enginesPath = join(configDir, 'engines.json');
const dockerConfig = join(configDir, 'docker');
const goneCa = join(configDir, 'gone-ca.pem');

/** A context that is not there yet: the operator creates it, then retries. */
const contextLater: Profile = {
  kind: 'context',
  id: 'ctx-later',
  name: 'Context later',
  context: 'later',
  configDir: dockerConfig,
};
/** A CA file that is gone for good: the operator removes the engine. */
const caGone: Profile = {
  kind: 'tcp',
  id: 'ca-gone',
  name: 'CA gone',
  host: '127.0.0.1',
  port: 2376,
  tls: { ca: goneCa },
};
const fileOf = (engines: Profile[]) => `${JSON.stringify({ engines }, null, 2)}\n`;
const card = (id: string) => ui.page.locator(`.engine-card[data-engine="${id}"]`);

beforeAll(async () => {
  writeFileSync(enginesPath, fileOf([contextLater, caGone]), { mode: 0o600 });
  ui = await startUiSession('ui-not-loaded', { enginesPath });
});

afterAll(async () => {
  await ui?.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('saved engines that could not be loaded, in the Engines view (Chromium, serve mode)', () => {
  it('says so on the Engines tab, and shows each with its reason: the field and the file', async () => {
    const { page } = ui;
    const tab = page.getByRole('navigation', { name: 'Views' }).getByRole('button', {
      name: /^Engines/,
    });
    await tab.locator('.nav-badge', { hasText: '2 not loaded' }).waitFor();
    await showView(page, 'Engines');
    const ca = card('ca-gone');
    expect(await ca.getAttribute('data-state')).toBe('not-loaded');
    expect(await ca.locator('h3').innerText()).toBe('CA gone');
    expect(await ca.locator('.badge').innerText()).toBe('not-loaded');
    expect(await ca.locator('.error-notice').getAttribute('data-code')).toBe('VALIDATION');
    const reason = await ca.locator('.error-sentence').innerText();
    expect(reason).toContain('tls.ca');
    expect(reason).toContain(goneCa);
    expect(await ca.locator('code').innerText()).toBe('127.0.0.1:2376 (TLS)');
    const context = await card('ctx-later').locator('.error-sentence').innerText();
    expect(context).toContain('no Docker context "later"');
    // The start-up engine is still there and connected.
    await page.locator('.engine-card[data-engine="local"][data-state=connected]').waitFor();
  });

  it('Remove drops it from the view and from engines.json, leaving the other saved byte for byte', async () => {
    const { page } = ui;
    await card('ca-gone').getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('deleted from the saved engines');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await card('ca-gone').waitFor({ state: 'detached' });
    expect(readFileSync(enginesPath, 'utf8')).toBe(fileOf([contextLater]));
    await page.locator('.nav-badge', { hasText: '1 not loaded' }).waitFor();
  });

  it('Retry once the context exists: the card becomes a connected engine and the tab badge goes', async () => {
    const { page } = ui;
    writeDockerContext(dockerConfig, 'later', { Host: inject('dockerHost') });
    await card('ctx-later').getByRole('button', { name: 'Retry' }).click();
    await page.locator('.engine-card[data-engine="ctx-later"][data-state=connected]').waitFor();
    expect(await page.locator('.engine-card[data-state=not-loaded]').count()).toBe(0);
    expect(await page.locator('.nav-badge.warn').count()).toBe(0);
    expect(readFileSync(enginesPath, 'utf8')).toBe(fileOf([contextLater]));
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
