import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The app window, hardened as Electron's security checklist asks: the page
 * runs sandboxed, isolated from the preload, without Node, with web security
 * on; no webviews, no insecure content, no navigation by dropping a file.
 */
export function windowOptions(preload: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'RemoteApp Admin',
    // Shown once the page has painted, so that no blank window flashes.
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  };
}
