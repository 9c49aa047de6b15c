import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../../electron/main/window-options';

describe('the app window is hardened', () => {
  const options = windowOptions('/app/dist/preload.cjs', false);
  const web = options.webPreferences!;

  it('isolates the page: context isolation, sandbox, no Node anywhere', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure or experimental content', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web).not.toHaveProperty('enableBlinkFeatures');
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads the bundled preload, and no dev tools in a packaged app', () => {
    expect(web.preload).toBe('/app/dist/preload.cjs');
    expect(web.devTools).toBe(false);
    expect(windowOptions('/p.cjs', true).webPreferences!.devTools).toBe(true);
    expect(options.show).toBe(false);
  });
});
