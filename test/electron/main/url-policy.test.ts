import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL as PAGE } from '../../../electron/main/app-protocol';
import { canOpenExternally, isOwnPage } from '../../../electron/main/url-policy';

const hosts = new Set(['127.0.0.1', 'docker-host.example']);

describe('navigation: the window shows the app page and nothing else', () => {
  it('accepts the app page, with or without a fragment', () => {
    expect(isOwnPage(PAGE, PAGE)).toBe(true);
    expect(isOwnPage(`${PAGE}#/engines`, PAGE)).toBe(true);
  });

  it('refuses any other page, file or scheme', () => {
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      // The bundle's page itself, from file:// (which the window no longer uses).
      'file:///opt/RemoteApp%20Admin/resources/app.asar/dist/renderer/index.html',
      'app://remoteapp/other.html',
      'app://remoteapp.evil.example/index.html',
      'app://evil.example/index.html',
      `${PAGE}?x=1`,
      'javascript:alert(1)',
      'http://127.0.0.1:8470/user/a/containers/x/',
      'not a url',
    ])
      expect(isOwnPage(url, PAGE), url).toBe(false);
  });
});

describe('openExternal: only http(s) URLs of the proxy and the containers', () => {
  it('opens the proxy and container URLs', () => {
    expect(canOpenExternally('http://127.0.0.1:8470/user/alice/containers/0a1b/', hosts)).toBe(
      true,
    );
    expect(canOpenExternally('https://docker-host.example:32768/user/bob/', hosts)).toBe(true);
  });

  it('refuses javascript:, file: and every other scheme', () => {
    for (const url of [
      'javascript:alert(document.cookie)',
      'file:///etc/passwd',
      'file://127.0.0.1/etc/passwd',
      'smb://127.0.0.1/share',
      'data:text/html,<script>alert(1)</script>',
      'vscode://file/etc/passwd',
      'ms-msdt:/id',
    ])
      expect(canOpenExternally(url, hosts), url).toBe(false);
  });

  it('refuses other hosts, credentials in the URL, and garbage', () => {
    expect(canOpenExternally('https://evil.example/', hosts)).toBe(false);
    expect(canOpenExternally('http://127.0.0.1.evil.example/', hosts)).toBe(false);
    expect(canOpenExternally('http://user:pw@127.0.0.1:8470/', hosts)).toBe(false);
    expect(canOpenExternally('http//127.0.0.1', hosts)).toBe(false);
  });
});
