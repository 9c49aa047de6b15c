import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/free-port';
import { showView, startUiSession, type UiSession } from '../support/ui-session';

let ui: UiSession;
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-ui-engines-'));
const enginesPath = join(configDir, 'engines.json');
const saved = () => JSON.parse(readFileSync(enginesPath, 'utf8')).engines as Array<{ id: string }>;

beforeAll(async () => {
  ui = await startUiSession('ui-engines', { enginesPath });
  await showView(ui.page, 'Engines');
});

afterAll(async () => {
  await ui?.close();
  rmSync(configDir, { recursive: true, force: true });
});

/** The test engine as an operator would enter it: its socket, or its TCP address. */
async function enterLocalEngine(id: string, name: string) {
  const { page } = ui;
  const host = inject('dockerHost');
  await page.locator('#engine-name').fill(name);
  await page.locator('#engine-id').fill(id);
  if (host.startsWith('unix://')) {
    await page.locator('#engine-kind').selectOption('socket');
    await page.locator('#engine-path').fill(host.slice('unix://'.length));
  } else {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    await page.locator('#engine-kind').selectOption('tcp');
    await page.locator('#engine-host').fill(url.hostname);
    await page.locator('#engine-port').fill(url.port);
    await page.locator('#engine-tls').uncheck();
  }
}

const result = () => ui.page.locator('.engine-test-result');

describe('the Engines form, in Chromium against serve mode', () => {
  it('shows only the fields of the chosen kind', async () => {
    const { page } = ui;
    await page.locator('#engine-kind').selectOption('ssh');
    for (const id of ['#engine-host', '#engine-user', '#engine-keyFile', '#engine-knownHostsFile'])
      expect(await page.locator(id).isVisible(), id).toBe(true);
    expect(await page.locator('#engine-ca').count()).toBe(0);
    await page.locator('#engine-trust').selectOption('fingerprint');
    expect(await page.locator('#engine-fingerprint').isVisible()).toBe(true);
    expect(await page.locator('#engine-knownHostsFile').count()).toBe(0);
    await page.locator('#engine-kind').selectOption('tcp');
    expect(await page.locator('#engine-ca').isVisible()).toBe(true);
    expect(await page.locator('#engine-user').count()).toBe(0);
  });

  it('Test on a refused port shows ENGINE_UNREACHABLE, its sentence and the cause', async () => {
    const { page } = ui;
    const port = await freePort();
    await page.locator('#engine-kind').selectOption('tcp');
    await page.locator('#engine-name').fill('nobody-home');
    await page.locator('#engine-host').fill('127.0.0.1');
    await page.locator('#engine-port').fill(String(port));
    await page.locator('#engine-tls').uncheck();
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const notice = result().locator('.error-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('data-code')).toBe('ENGINE_UNREACHABLE');
    const text = await notice.innerText();
    expect(text).toContain('does not answer');
    expect(text).toContain('nobody-home');
    expect(text).toContain('ECONNREFUSED');
  });

  it('a missing CA is refused at its field: by the form when empty, by the core when unreadable', async () => {
    const { page } = ui;
    await page.locator('#engine-tls').check();
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    expect(await page.locator('#engine-ca-error').innerText()).toBe('must not be empty');
    await page.locator('#engine-ca').fill(join(configDir, 'no-such-ca.pem'));
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await result().locator('.error-notice[data-code=VALIDATION]').waitFor();
    expect(await page.locator('#engine-ca-error').innerText()).toMatch(/cannot read/);
    expect(await page.locator('#engine-ca').getAttribute('aria-invalid')).toBe('true');
  });

  it('Test on the local engine shows its Docker version, API and latency, and adds nothing', async () => {
    const { page } = ui;
    await enterLocalEngine('here', 'Here');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await result().locator('[data-outcome=ok], .probe-api').first().waitFor();
    expect(await result().getAttribute('data-outcome')).toBe('ok');
    expect(await result().locator('.probe-version').innerText()).toMatch(/^\d+\.\d+/);
    expect(await result().locator('.probe-api').innerText()).toMatch(/^1\.\d+$/);
    expect(await result().locator('.probe-latency').innerText()).toMatch(/^[\d.]+ ms$/);
    expect(await page.locator('.engine-card').count()).toBe(1);
  });

  it('Add puts a card up that connects, and keeps the profile; Remove takes it away', async () => {
    const { page } = ui;
    await page.locator('form.add-engine button[type=submit]').click();
    const card = page.locator('.engine-card[data-engine="here"]');
    await page.locator('.engine-card[data-engine="here"][data-state=connected]').waitFor();
    expect(await card.locator('h3').innerText()).toBe('Here');
    expect(await card.locator('.publish-ip').innerText()).toBe('127.0.0.1');
    expect(saved().map((e) => e.id)).toEqual(['here']);

    await card.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await card.waitFor({ state: 'detached' });
    expect(saved()).toEqual([]);
    expect(await page.locator('.engine-card').count()).toBe(1);
    expect(ui.browser.pageErrors).toEqual([]);
  });
});
