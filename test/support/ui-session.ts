import type { ContainerInfo } from 'dockerode';
import type { Page } from 'playwright-core';
import type { CoreOptions } from '../../src-core/host/start-core';
import { RUNINFO } from '../../src-core/realm/labels';
import { startServe, type ServeHandle } from '../../src-core/serve/serve-server';
import { launchBrowser, type TestBrowser } from './browser';
import { buildRenderer } from './renderer-build';
import { startTestCore } from './test-core';

export interface UiSession {
  env: Awaited<ReturnType<typeof startTestCore>>;
  serve: ServeHandle;
  browser: TestBrowser;
  page: Page;
  /** Every container of this session's realm on the test engine, in any state (raw API). */
  realmContainers(): Promise<ContainerInfo[]>;
  close(): Promise<void>;
}

/**
 * The whole product as an operator meets it in serve mode: the core on the
 * real engine (a realm of this file's own), the built renderer served with
 * its token, and a real Chromium on the page.
 */
export async function startUiSession(label: string, options: CoreOptions = {}): Promise<UiSession> {
  const [env, staticDir] = await Promise.all([startTestCore(label, options), buildRenderer()]);
  const serve = await startServe({ host: env.core.host, staticDir });
  const browser = await launchBrowser();
  await browser.page.goto(serve.url);
  return {
    env,
    serve,
    browser,
    page: browser.page,
    realmContainers: () =>
      env.docker.listContainers({
        all: true,
        filters: { label: [`${RUNINFO.realm}=${env.realm}`] },
      }),
    async close() {
      await browser.close();
      await serve.close();
      await env.close();
    },
  };
}

/** Launches `image` for `users` through the Launch view, as an operator would, and waits for every outcome. */
export async function launchFromUi(page: Page, users: string[], image: string, engine = 'any') {
  await showView(page, 'Launch');
  await page.locator('#launch-users').fill(users.join(', '));
  await page.locator('#launch-image').selectOption(image);
  await page.locator('#launch-engine').selectOption(engine);
  await page.locator('form.launch-form button[type=submit]').click();
  for (const user of users)
    await page
      .locator(`.launch-result[data-user="${user}"]:not([data-outcome=launching])`)
      .waitFor();
}

/** Opens a view from the top navigation. */
export async function showView(
  page: Page,
  name: 'Containers' | 'Launch' | 'Catalog' | 'Engines' | 'Proxy' | 'Check',
) {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();
}

export async function showContainers(page: Page) {
  await showView(page, 'Containers');
}

export function row(page: Page, user: string) {
  return page.locator(`.row[data-user="${user}"]`);
}
