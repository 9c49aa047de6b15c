import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
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
    expect(await ca.locator('.badge').innerText()).toBe('not loaded');
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

describe('a saved engine whose id the start-up engine has: each card removes its own (Chromium, serve mode)', () => {
  const shadowedPath = join(configDir, 'shadowed.json');
  /** The same id as the test core's start-up engine. */
  const shadowed: Profile = {
    kind: 'socket',
    id: 'local',
    name: 'Shadowed',
    path: '/var/run/docker.sock',
  };
  let session: UiSession | undefined;

  /** A session of its own for each direction: the shadowed profile is only not loaded at a start. */
  async function start(label: string) {
    writeFileSync(shadowedPath, fileOf([shadowed]), { mode: 0o600 });
    session = await startUiSession(label, { enginesPath: shadowedPath });
    await showView(session.page, 'Engines');
    return session.page;
  }

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it("Remove on the not-loaded card drops the saved profile; the start-up engine's card stays", async () => {
    const page = await start('ui-shadow-saved');
    const savedCard = page.locator('.engine-card[data-engine="local"][data-state=not-loaded]');
    const startUpCard = page.locator('.engine-card[data-engine="local"][data-state=connected]');
    await startUpCard.waitFor();
    await savedCard.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('deleted from the saved engines');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await savedCard.waitFor({ state: 'detached' });
    expect(readFileSync(shadowedPath, 'utf8')).toBe(fileOf([]));
    // The host kept watching it: its card was never taken away.
    expect(await startUpCard.count()).toBe(1);
    expect(session!.env.core.engines.statuses().map((e) => e.id)).toEqual(['local']);
  });

  it("Remove on the start-up engine's card stops watching it; the saved profile stays, not loaded", async () => {
    const page = await start('ui-shadow-start-up');
    const savedCard = page.locator('.engine-card[data-engine="local"][data-state=not-loaded]');
    const startUpCard = page.locator(
      '.engine-card[data-engine="local"]:not([data-state=not-loaded])',
    );
    await startUpCard.waitFor();
    await startUpCard.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('stops watching it');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await startUpCard.waitFor({ state: 'detached' });
    expect(await savedCard.count()).toBe(1);
    // The not-loaded card's reason only: the call did not fail.
    expect(await page.locator('.error-notice').count()).toBe(1);
    expect(session!.env.core.engines.statuses()).toEqual([]);
    expect(readFileSync(shadowedPath, 'utf8')).toBe(fileOf([shadowed]));
    expect(session!.browser.pageErrors).toEqual([]);
  });
});
