// The real Electron app, end to end, with Playwright's Electron driver. Runs in
// CI's e2e job only (see test/e2e/vitest.config.ts): Electron's binary cannot
// be downloaded on the development machines, so `npm test` excludes this file.
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectDir } from '../packaging/builder-config';

// The electron package's entry is the path of its binary when loaded from Node.
const electronBinary = createRequire(import.meta.url)('electron') as string;
// What `electron-builder --linux dir` left in CI's job before this run.
const packedBinary = path.join(projectDir, 'release/linux-unpacked/remoteapp-admin');

describe('the Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let configHome: string;

  beforeAll(async () => {
    // On Linux both Electron's userData and the proxy settings live under XDG_CONFIG_HOME.
    configHome = mkdtempSync(path.join(tmpdir(), 'remoteapp-e2e-'));
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    app = await _electron.launch({
      executablePath: electronBinary,
      // A realm of its own, given as an operator's shortcut would give it.
      args: [projectDir, '--realm', 'e2e-realm'],
      env: { ...env, XDG_CONFIG_HOME: configHome },
      chromiumSandbox: true,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    rmSync(configHome, { recursive: true, force: true });
  });

  it('opens one window showing the operator UI', async () => {
    expect(await page.title()).toBe('RemoteApp Admin');
    await expect.poll(() => page.locator('#root > *').count()).toBeGreaterThan(0);
    expect(app.windows()).toHaveLength(1);
  });

  it('works in the realm its command line names, and its header says which', async () => {
    await expect
      .poll(() => page.locator('header .realm-name').textContent(), { timeout: 15_000 })
      .toBe('realm e2e-realm');
  });

  it('loads its page and every script and style from app://, none from file://', async () => {
    expect(page.url()).toBe('app://remoteapp/index.html');
    const loaded = await page.evaluate(() => [
      location.origin,
      ...performance.getEntriesByType('resource').map((entry) => entry.name),
    ]);
    expect(loaded[0]).toBe('app://remoteapp');
    expect(loaded.length).toBeGreaterThan(1);
    for (const url of loaded.slice(1)) expect(url).toMatch(/^app:\/\/remoteapp\//);
  });

  it('keeps its catalog in the user’s config folder', async () => {
    const userData = await app.evaluate(({ app }) => app.getPath('userData'));
    expect(path.dirname(userData)).toBe(configHome);
    expect(existsSync(path.join(userData, 'catalog.db'))).toBe(true);
  });

  it('gives the page no Node: no require, no process', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined' });
  });

  it('enforces its Content-Security-Policy: an inline script does not run', async () => {
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return (window as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
  });

  it('denies navigation away from the app', async () => {
    // Recorded after the app's own will-navigate handler has had its say.
    await app.evaluate(({ BrowserWindow }) => {
      const seen: boolean[] = [];
      Object.assign(globalThis, { navigationsPrevented: seen });
      BrowserWindow.getAllWindows()[0]!.webContents.on('will-navigate', (event) => {
        seen.push(event.defaultPrevented);
      });
    });
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'http://127.0.0.1:9/';
    });
    await expect
      .poll(() =>
        app.evaluate(
          () => (globalThis as { navigationsPrevented?: boolean[] }).navigationsPrevented,
        ),
      )
      .toEqual([true]);
    expect(page.url()).toBe(before);
  });

  it('denies new windows', async () => {
    // The window-open handler answers synchronously: a denied window.open returns null.
    expect(await page.evaluate(() => window.open('http://127.0.0.1:9/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});

describe('the packed app (release/linux-unpacked)', () => {
  it('has its fuses flipped: no run-as-node, NODE_OPTIONS or --inspect; only the checked app.asar; no file:// privileges', async () => {
    const wire = await getCurrentFuseWire(packedBinary);
    expect(wire).toMatchObject({
      [FuseV1Options.RunAsNode]: FuseState.DISABLE,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
      [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
      [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.DISABLE,
    });
  });
});
