import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-core/api/csp';
import { APP_PAGE_URL, APP_SCHEME, appProtocolHandler } from '../../../electron/main/app-protocol';

/**
 * The app:// handler as protocol.handle calls it: a real Request in, a real
 * Response out, over a renderer folder of real files (a temp dir with a
 * secret next to it that no URL may reach).
 */
const dir = mkdtempSync(join(tmpdir(), 'remoteapp-protocol-'));
const root = join(dir, 'renderer');
const SECRET = 'the operator’s secret';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
const files: Record<string, string | Buffer> = {
  'index.html': '<!doctype html><title>RemoteApp Admin</title>',
  'assets/index-a1.js': 'export const x = 1;',
  'assets/index-a1.js.map': '{"version":3}',
  'assets/index-b2.css': 'body{margin:0}',
  'assets/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'assets/icon.png': PNG,
  'assets/inter.woff2': Buffer.from('wOF2-font'),
  'manifest.json': '{"name":"RemoteApp Admin"}',
};
for (const [path, content] of Object.entries(files)) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), content);
}
writeFileSync(join(dir, 'secret.txt'), SECRET);
mkdirSync(join(dir, 'renderer-other'));
writeFileSync(join(dir, 'renderer-other', 'index.html'), SECRET);

const handle = appProtocolHandler(root);
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each URL answered with `status`, and nothing of the secret beside the folder. */
async function expectRefused(status: number, urls: string[]): Promise<void> {
  for (const url of urls) {
    const res = await get(url);
    expect(res.status, url).toBe(status);
    expect(await res.text(), url).not.toContain(SECRET);
  }
}

describe('the app:// scheme the window loads its page from', () => {
  it('is privileged as a standard, secure scheme with fetch, and not readable cross-origin', () => {
    expect(APP_SCHEME).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(APP_PAGE_URL).toBe('app://remoteapp/index.html');
  });

  it('serves the page with the CSP the page declares, and no sniffing or framing', async () => {
    const page = await get(APP_PAGE_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(await page.text()).toBe(files['index.html']);
    // The folder's own URL is its index page too.
    expect(await (await get('app://remoteapp/')).text()).toBe(files['index.html']);
  });

  it('serves every kind of bundle file byte for byte with its own type (module scripts need JavaScript)', async () => {
    const types: Record<string, string> = {
      'assets/index-a1.js': 'text/javascript; charset=utf-8',
      'assets/index-a1.js.map': 'application/json',
      'assets/index-b2.css': 'text/css; charset=utf-8',
      'assets/logo.svg': 'image/svg+xml',
      'assets/icon.png': 'image/png',
      'assets/inter.woff2': 'font/woff2',
      'manifest.json': 'application/json',
    };
    for (const [path, type] of Object.entries(types)) {
      const res = await get(`app://remoteapp/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(Buffer.from(await res.arrayBuffer()), path).toEqual(Buffer.from(files[path]!));
    }
  });

  it('answers HEAD without a body, and refuses other methods', async () => {
    const head = await get('app://remoteapp/assets/index-a1.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await head.text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await get(APP_PAGE_URL, method);
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('answers 404 for a file or folder the bundle does not have', async () => {
    await expectRefused(404, [
      'app://remoteapp/missing.js',
      'app://remoteapp/assets',
      'app://remoteapp/assets/',
      // Resolved by the URL parser to the root, where there is no secret.txt.
      'app://remoteapp/../secret.txt',
      'app://remoteapp/assets/%2e%2e/%2e%2e/secret.txt',
    ]);
  });

  it('refuses with 403 a path that could leave the folder: encoded slashes, backslashes, NUL, drives', async () => {
    await expectRefused(403, [
      'app://remoteapp/..%2Fsecret.txt',
      'app://remoteapp/%2e%2e%2fsecret.txt',
      'app://remoteapp/assets%2F..%2F..%2Fsecret.txt',
      'app://remoteapp/..%5Csecret.txt',
      'app://remoteapp/..\\secret.txt',
      // A sibling folder whose name starts with the root's.
      'app://remoteapp/..%2Frenderer-other%2Findex.html',
      'app://remoteapp//etc/passwd',
      'app://remoteapp/index.html%00.png',
      'app://remoteapp/C:%5CWindows%5Cwin.ini',
      'app://remoteapp/%E0%A4%A',
    ]);
  });

  it('refuses with 403 any other host, port or scheme', async () => {
    await expectRefused(403, [
      'app://evil/index.html',
      'app://remoteapp.evil/index.html',
      'app://remoteapp:8080/index.html',
      'app:///index.html',
      `file://${root}/index.html`,
      'https://remoteapp/index.html',
    ]);
  });
});
