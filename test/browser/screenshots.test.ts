import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Request } from '../../src-core/api/contract';
import { proxySettings } from '../../src-core/api/proxy';
import { IMAGES } from '../support/fixture-images';
import { writeToLogs } from '../support/container-logs';
import { freePort } from '../support/free-port';
import { screenshotBothThemes } from '../support/screenshots';
import { serveClient } from '../support/serve-client';
import {
  launchFromUi,
  row,
  showContainers,
  showView,
  startUiSession,
  type UiSession,
} from '../support/ui-session';

/** Every view, light and dark, on real data (see test/support/screenshots.ts for where they go). */
let ui: UiSession;
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-shots-'));
const enginesPath = join(configDir, 'engines.json');
/** A saved engine whose CA certificate file was deleted: not loaded at start. */
const goneCa = join(configDir, 'certs', 'gpu-node-3', 'ca.pem');
const notLoaded: Request<'engines.add'>['profile'] = {
  kind: 'tcp',
  id: 'gpu-node-3',
  name: 'gpu-node-3',
  host: '127.0.0.1',
  port: 2376,
  tls: { ca: goneCa },
};

beforeAll(async () => {
  writeFileSync(enginesPath, `${JSON.stringify({ engines: [notLoaded] }, null, 2)}\n`, {
    mode: 0o600,
  });
  ui = await startUiSession('ui-shots', {
    enginesPath,
    profiles: [
      { kind: 'env', id: 'local', name: 'local', env: { DOCKER_HOST: inject('dockerHost') } },
      // An engine that never answers: how an unreachable one looks.
      {
        kind: 'tcp',
        id: 'gpu-node-2',
        name: 'gpu-node-2',
        host: '127.0.0.1',
        port: await freePort(),
      },
    ],
    proxy: { settings: proxySettings.parse({ port: await freePort() }) },
    catalogPath: join(configDir, 'catalog.db'),
    connectTimeoutMs: 2_000,
  });
  // A catalog with some grants, made through the contract as an operator's script would.
  const client = serveClient(ui.serve);
  for (const image of [IMAGES.labeled, IMAGES.webapp])
    await client.call('catalog.addApplication', { image });
  for (const user of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) {
    await client.call('catalog.addUser', { name: user });
    await client.call('catalog.addGrant', { user, image: IMAGES.labeled, policy: {} });
  }
  await client.call('catalog.addGrant', {
    user: 'alice',
    image: IMAGES.webapp,
    policy: { allowCommon: true, volume: { source: '/srv/shared', target: '/data', mode: 'ro' } },
  });
  client.close();
});

afterAll(async () => {
  await ui?.close();
  rmSync(configDir, { recursive: true, force: true });
});

/** Log lines for the user's container, every fourth on stderr. */
async function writeUserLogs(user: string, lines: string[]) {
  const [c] = await ui.env.docker.listContainers({
    filters: { label: [`eu.simphony-project.docker.runinfo.user=${user}`] },
  });
  await writeToLogs(
    ui.env.docker.getContainer(c!.Id),
    lines.map((text, i) => ({ fd: i % 4 === 3 ? 2 : 1, text })),
  );
}

async function shoot(name: string) {
  await screenshotBothThemes(ui.page, name);
  const background = await ui.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe('rgb(246, 247, 249)'); // the dark theme took
  expect(ui.browser.pageErrors).toEqual([]);
}

describe('screenshots of every view, light and dark', () => {
  it('engines, with a saved engine not loaded at start: its reason, Retry and Remove', async () => {
    const { page } = ui;
    const tab = page.getByRole('navigation', { name: 'Views' }).getByRole('button', {
      name: /^Engines/,
    });
    await tab.locator('.nav-badge', { hasText: '1 not loaded' }).waitFor();
    await showView(page, 'Engines');
    const card = page.locator('.engine-card[data-engine="gpu-node-3"][data-state="not-loaded"]');
    expect(await card.locator('.error-notice').getAttribute('data-code')).toBe('VALIDATION');
    const reason = await card.locator('.error-sentence').innerText();
    expect(reason).toContain('tls.ca');
    expect(reason).toContain(goneCa);
    await card.getByRole('button', { name: 'Retry' }).waitFor();
    await page.locator('.engine-card[data-engine="local"][data-state="connected"]').waitFor();
    await page.locator('.engine-card[data-engine="gpu-node-2"]').waitFor();
    await shoot('engines-not-loaded');
    // Removed, so that the other views are shown without it.
    await card.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await card.waitFor({ state: 'detached' });
    expect(JSON.parse(readFileSync(enginesPath, 'utf8'))).toEqual({ engines: [] });
  });

  it('containers, with an unreachable engine, the activity panel and a selection', async () => {
    const { page } = ui;
    await launchFromUi(page, ['alice', 'bob', 'carol', 'dave', 'erin'], IMAGES.labeled, 'local');
    await launchFromUi(page, ['alice', 'frank'], IMAGES.webapp, 'local');
    await showContainers(page);
    await page.locator('.row[data-user="frank"] .col-url a').waitFor();
    await row(page, 'carol').getByRole('checkbox').check();
    await row(page, 'dave').getByRole('checkbox').check();
    await shoot('containers');
    await page.getByRole('button', { name: 'Clear selection' }).click();
  });

  it('containers grouped by user', async () => {
    const { page } = ui;
    await page.getByRole('checkbox', { name: 'Group by user' }).check();
    await page.locator('.group-row').first().waitFor();
    await shoot('containers-grouped');
    await page.getByRole('checkbox', { name: 'Group by user' }).uncheck();
  });

  it('container details and logs', async () => {
    const { page } = ui;
    await writeUserLogs('bob', [
      'httpd: serving /www on :8888',
      'GET /user/bob/ 200',
      'GET /user/bob/app.js 200',
      'warning: X11 display not set, using defaults',
      'GET /user/bob/api/session 200',
    ]);
    await row(page, 'bob').click();
    await page.locator('.details dl.summary').waitFor();
    await shoot('details');
    await page.getByRole('tab', { name: 'Logs' }).click();
    await page.locator('.log-line').nth(4).waitFor();
    await shoot('details-logs');
    await page.getByRole('button', { name: 'Close details' }).click();
  });

  it('launch, with its preview and per-user results', async () => {
    const { page } = ui;
    await showView(page, 'Launch');
    await page.locator('#launch-users').fill('grace, heidi, ivan');
    await page.locator('#launch-image').selectOption(IMAGES.labeled);
    // The catalog's grants of the chosen application, and who would be launched without one.
    expect(await page.locator('.granted-hint').innerText()).toMatch(
      /Granted in the catalog to 6 users: alice, bob/,
    );
    expect(await page.locator('.preview-users tr', { hasText: 'grace' }).innerText()).toContain(
      'no grant',
    );
    await page.getByRole('button', { name: 'Add volume' }).click();
    await page.locator('#volume-0-source').fill('/srv/shared');
    await page.locator('#volume-0-target').fill('/data');
    await page.locator('#launch-licence').fill('site-licence-2026');
    // The core's dry run, with the host path that does not exist here flagged.
    await page.locator('.preview[data-state=ready] .bind.missing').first().waitFor();
    await shoot('launch-preview');
    await page.locator('form.launch-form button[type=submit]').click();
    for (const u of ['grace', 'heidi', 'ivan'])
      await page
        .locator(`.launch-result[data-user="${u}"]:not([data-outcome=launching])`)
        .waitFor();
    await shoot('launch');
  });

  it('engines', async () => {
    const { page } = ui;
    await showView(page, 'Engines');
    await page.locator('.engine-card[data-engine="gpu-node-2"]').waitFor();
    // A profile tested before it is added: what answered, its version and latency.
    const socket = inject('dockerHost').replace(/^unix:\/\//, '');
    await page.locator('#engine-kind').selectOption('socket');
    await page.locator('#engine-name').fill('workstation');
    await page
      .locator('#engine-path')
      .fill(socket.startsWith('/') ? socket : '/var/run/docker.sock');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.locator('.engine-test-result').waitFor();
    await shoot('engines');
  });

  it('catalog and proxy', async () => {
    const { page } = ui;
    await showView(page, 'Catalog');
    await page.waitForTimeout(300);
    await shoot('catalog');
    await showView(page, 'Proxy');
    await page.waitForTimeout(300);
    await shoot('proxy');
  });
});
