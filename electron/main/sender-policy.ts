import { isOwnPage } from './url-policy';

/** What an IPC event says about its sender (Electron's IpcMainInvokeEvent has these). */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** The one page allowed to call the host: the app window's top frame, showing the app. */
export interface AppPage {
  webContentsId: number;
  pageUrl: string;
}

/**
 * Accepts a message only from the app's own window, from its top frame (an
 * iframe has a parent), while that frame shows the app's page.
 */
export function isAppSender(event: SenderInfo, app: AppPage): boolean {
  const frame = event.senderFrame;
  return (
    event.sender.id === app.webContentsId &&
    frame !== null &&
    frame.parent === null &&
    isOwnPage(frame.url, app.pageUrl)
  );
}
