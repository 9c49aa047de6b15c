import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL as PAGE } from '../../../electron/main/app-protocol';
import { denyPermissions, guardContents } from '../../../electron/main/contents-guards';
import { StandInSession, StandInWebContents } from '../support/electron-stand-in';

function guarded() {
  const contents = new StandInWebContents(1);
  const opened: string[] = [];
  guardContents(contents as never, {
    pageUrl: PAGE,
    allowedHosts: () => new Set(['127.0.0.1']),
    openExternal: (url) => opened.push(url),
  });
  return { contents, opened };
}

describe('web contents guards (driven through the Electron stand-in)', () => {
  it('denies navigation away from the app page, in any frame, and redirects', () => {
    const { contents } = guarded();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      expect(contents.navigate(event, 'https://evil.example/'), event).toBe(true);
      expect(contents.navigate(event, 'file:///etc/passwd'), event).toBe(true);
      // The bundle's page from file:// is not the app's page: it is served only as app://.
      expect(contents.navigate(event, 'file:///app/dist/renderer/index.html'), event).toBe(true);
      expect(contents.navigate(event, `${PAGE}#/containers`), event).toBe(false);
    }
  });

  it('denies every new window; an allowed link goes to the system browser instead', () => {
    const { contents, opened } = guarded();
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('http://127.0.0.1:8470/user/a/containers/1/')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['http://127.0.0.1:8470/user/a/containers/1/']);
  });

  it('refuses webviews', () => {
    const { contents } = guarded();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    const session = new StandInSession();
    denyPermissions(session as never);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      let granted: boolean | undefined;
      session.requestHandler!(null, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(session.checkHandler!(null, permission), permission).toBe(false);
    }
  });
});
