import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGES } from '../support/fixture-images';
import {
  launchFromUi,
  row,
  showContainers,
  showView,
  startUiSession,
  type UiSession,
} from '../support/ui-session';
import { markedFor, startChp } from '../proxy/support/chp-process';
import { freePort } from '../support/free-port';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';

let ui: UiSession;
let chp: Awaited<ReturnType<typeof startChp>>;
let origin: string;
const FRONT = 'https://apps.example.org';

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  [ui, chp] = await Promise.all([
    startUiSession('ui-proxy', {
      proxy: { settings: { ...embeddedProxySettings(port), allowedOrigins: [FRONT] } },
    }),
    startChp(),
  ]);
});

afterAll(async () => {
  await ui?.close();
  await chp?.stop();
});

const showProxy = () => showView(ui.page, 'Proxy');
const settingsForm = () => ui.page.getByRole('form', { name: 'Proxy settings' });

describe('the proxy in the UI, in Chromium against serve mode', () => {
  it('opens a launched container through the embedded proxy', async () => {
    const { page, browser } = ui;
    await launchFromUi(page, ['alice'], IMAGES.webapp);
    await showContainers(page);
    const link = row(page, 'alice').locator('.col-url a');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(
      new RegExp(`^${origin}/user/alice/containers/[0-9a-f]{32}/$`),
    );
    const [tab] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    expect(tab.url().startsWith(`${origin}/user/alice/containers/`)).toBe(true);
    expect(await tab.locator('#env').innerText()).toMatch(/^JPY_USER=alice$/m);
    await tab.close();
  });

  it('shows the settings, refuses a bad port under its field, and moves the proxy on save', async () => {
    const { page } = ui;
    await showProxy();
    expect(await page.locator('.proxy-origin').innerText()).toBe(origin);
    await page.locator('#proxy-port').fill('70000');
    await settingsForm().getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('#proxy-port-error').textContent())
      .toContain('must be 1 to 65535');

    const port = await freePort();
    await page.locator('#proxy-port').fill(String(port));
    await settingsForm().getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.proxy-origin').textContent())
      .toBe(`http://127.0.0.1:${port}`);
    // A setting the form does not show survives its save.
    expect(ui.env.core.proxy!.settings.allowedOrigins).toEqual([FRONT]);
    // The row's link moved with the proxy, without a reload.
    await showContainers(page);
    await expect
      .poll(() => row(page, 'alice').locator('.col-url a').getAttribute('href'))
      .toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/user/alice/containers/`));
    origin = `http://127.0.0.1:${port}`;
  });

  it('switches to configurable-http-proxy, lists a stale route, and fixes it with one click, leaving routes not ours', async () => {
    const { page } = ui;
    await showProxy();
    await page.locator('#proxy-backend').selectOption('chp');
    await page.locator('#proxy-apiUrl').fill(chp.apiUrl);
    await page.locator('#proxy-publicUrl').fill(chp.publicUrl);
    await page.locator('#proxy-token').fill('wrong-token');
    await settingsForm().getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.proxy-settings [role=alert]').first().getAttribute('data-code'))
      .toBe('UNAUTHORIZED');

    await page.locator('#proxy-token').fill(chp.token);
    await settingsForm().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.proxy-origin').textContent()).toBe(chp.publicUrl);
    // The running container was registered with CHP when the proxy moved there.
    const routes = await chp.routes();
    expect(Object.keys(routes).some((p) => p.startsWith('/user/alice/containers/'))).toBe(true);

    await chp.api('POST', '/user/ghost/containers/deadbeef', {
      target: 'http://127.0.0.1:9',
      ...markedFor(ui.env.realm),
    });
    // simphony-remote's own route on the shared CHP.
    await chp.api('POST', '/user/eve/containers/simphony_app', { target: 'http://127.0.0.1:10' });
    await page.getByRole('button', { name: 'Check routes' }).click();
    const stale = page.locator('.orphan-routes tr[data-prefix="/user/ghost/containers/deadbeef"]');
    await stale.waitFor();
    expect(await stale.innerText()).toContain('no ready container of the realm has this urlpath');
    const foreign = page.locator(
      '.foreign-routes tr[data-prefix="/user/eve/containers/simphony_app"]',
    );
    expect(await foreign.innerText()).toContain('not marked by this app');
    expect(await foreign.locator('button, input').count()).toBe(0);
    await page.getByRole('button', { name: 'Fix all' }).click();
    await page.locator('[data-outcome=fixed]').waitFor();
    const after = await chp.routes();
    expect(after).not.toHaveProperty(['/user/ghost/containers/deadbeef']);
    expect(after).toHaveProperty(['/user/eve/containers/simphony_app']);
    // Still listed after the fix, as not ours.
    await foreign.waitFor();

    await showContainers(page);
    const link = row(page, 'alice').locator('.col-url a');
    await expect
      .poll(() => link.getAttribute('href'))
      .toMatch(new RegExp(`^${chp.publicUrl}/user/alice/containers/`));
    const response = await fetch((await link.getAttribute('href'))!);
    expect(await response.text()).toMatch(/^JPY_USER=alice$/m);
  });
});
