// The desktop app's main process: one instance, one hardened window, the
// core hosted here and reached by the window only through the contract.
import { join } from 'node:path';
import { BrowserWindow, app, dialog, ipcMain, protocol, session, shell } from 'electron';
import { startCore, type Core } from '../../src-core/host/start-core';
import { defaultCullPolicyPath } from '../../src-core/engines/cull-policy-file';
import { defaultEnginesPath } from '../../src-core/engines/saved-engines';
import { defaultHistoryPath } from '../../src-core/host/operation-history';
import { defaultProxySettingsPath } from '../../src-core/proxy/proxy-settings-file';
import { APP_PAGE_URL, APP_SCHEME, appProtocolHandler } from './app-protocol';
import { denyPermissions, guardContents } from './contents-guards';
import { desktopRealm } from './desktop-realm';
import { bindIpc } from './ipc-transport';
import { linkHosts } from './link-hosts';
import { windowOptions } from './window-options';

let core: Core | undefined;
let window: BrowserWindow | undefined;

async function start(): Promise<void> {
  denyPermissions(session.defaultSession);
  session.defaultSession.protocol.handle(
    APP_SCHEME.scheme,
    appProtocolHandler(join(__dirname, 'renderer')),
  );
  core = await startCore({
    realm: desktopRealm(process.argv, process.env),
    proxy: { settingsPath: defaultProxySettingsPath(), mode: 'run' },
    catalogPath: join(app.getPath('userData'), 'catalog.db'),
    enginesPath: defaultEnginesPath(),
    cull: { policyPath: defaultCullPolicyPath() },
    historyPath: defaultHistoryPath(),
  });
  window = new BrowserWindow(windowOptions(join(__dirname, 'preload.cjs'), !app.isPackaged));
  const unbind = bindIpc(ipcMain, core.host, window.webContents, APP_PAGE_URL);
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    unbind();
    window = undefined;
  });
  await window.loadURL(APP_PAGE_URL);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every renderer sandboxed, whatever options create it.
  app.enableSandbox();
  // Privileges can be given only before ready; the handler comes in start().
  protocol.registerSchemesAsPrivileged([APP_SCHEME]);
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('web-contents-created', (_event, contents) =>
    guardContents(contents, {
      pageUrl: APP_PAGE_URL,
      allowedHosts: () => linkHosts(core),
      openExternal: (url) => void shell.openExternal(url),
    }),
  );
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    // Close the engines' streams and the proxy before the process goes.
    event.preventDefault();
    const closing = core;
    core = undefined;
    void closing.close().finally(() => app.quit());
  });
  app.whenReady().then(start, fail).catch(fail);
}

function fail(error: unknown): void {
  dialog.showErrorBox(
    'RemoteApp Admin could not start',
    String((error as Error)?.message ?? error),
  );
  app.exit(1);
}
