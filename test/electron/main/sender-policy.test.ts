import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL as PAGE } from '../../../electron/main/app-protocol';
import { isAppSender } from '../../../electron/main/sender-policy';

const app = { webContentsId: 7, pageUrl: PAGE };
const top = { url: PAGE, parent: null };

describe('IPC sender check: only the app window top frame showing the app', () => {
  it('accepts the app window top frame', () => {
    expect(isAppSender({ sender: { id: 7 }, senderFrame: top }, app)).toBe(true);
    expect(
      isAppSender({ sender: { id: 7 }, senderFrame: { url: `${PAGE}#/x`, parent: null } }, app),
    ).toBe(true);
  });

  it('drops a message from another frame of that window (an iframe has a parent)', () => {
    expect(isAppSender({ sender: { id: 7 }, senderFrame: { url: PAGE, parent: top } }, app)).toBe(
      false,
    );
    expect(
      isAppSender(
        { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: top } },
        app,
      ),
    ).toBe(false);
  });

  it('drops a message from another window, a navigated frame or a frame gone', () => {
    expect(isAppSender({ sender: { id: 8 }, senderFrame: top }, app)).toBe(false);
    expect(
      isAppSender(
        { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } },
        app,
      ),
    ).toBe(false);
    expect(isAppSender({ sender: { id: 7 }, senderFrame: null }, app)).toBe(false);
    const fromFile = { url: 'file:///app/dist/renderer/index.html', parent: null };
    expect(isAppSender({ sender: { id: 7 }, senderFrame: fromFile }, app)).toBe(false);
  });
});
