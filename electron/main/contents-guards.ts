import type { Session, WebContents } from 'electron';
import { canOpenExternally, isOwnPage } from './url-policy';

export interface GuardPolicy {
  pageUrl: string;
  /** Hosts whose http(s) links may open in the system browser (containers, the proxy). */
  allowedHosts(): ReadonlySet<string>;
  openExternal(url: string): void;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Every web contents the app creates: no navigation away from the app's
 * page, no new window (an allowed link goes to the system browser instead),
 * no webview.
 */
export function guardContents(contents: GuardedContents, policy: GuardPolicy): void {
  const stayHome = (event: { url: string; preventDefault(): void }) => {
    if (!isOwnPage(event.url, policy.pageUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (canOpenExternally(url, policy.allowedHosts())) policy.openExternal(url);
    return { action: 'deny' };
  });
}

/** The app asks for no permission (camera, notifications, geolocation...): every request is denied. */
export function denyPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
