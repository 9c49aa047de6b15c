import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultProxySettingsPath,
  readProxySettings,
  writeProxySettings,
} from '../../src-core/proxy/proxy-settings-file';

const dir = mkdtempSync(join(tmpdir(), 'remoteapp-proxy-settings-'));
const path = join(dir, 'proxy.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the shared proxy settings file', () => {
  it('means the defaults while it does not exist', () => {
    expect(readProxySettings(join(dir, 'absent.json'))).toMatchObject({
      backend: 'embedded',
      host: '127.0.0.1',
      port: 8470,
    });
  });

  it('reads back what was written, readable by its owner only', () => {
    const settings = {
      backend: 'chp' as const,
      host: '127.0.0.1',
      port: 9000,
      readyTimeoutSeconds: 12,
      chp: { apiUrl: 'http://127.0.0.1:8001', publicUrl: 'http://127.0.0.1:8000', token: 'tok' },
    };
    writeProxySettings(path, settings);
    expect(readProxySettings(path)).toEqual(settings);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a file that is not JSON, or has a bad field, naming what is wrong', () => {
    writeFileSync(path, '{ port: 1');
    expect(() => readProxySettings(path)).toThrow(`proxySettings: ${path} is not JSON`);
    writeFileSync(path, JSON.stringify({ host: '10.0.0.1' }));
    expect(() => readProxySettings(path)).toThrow(
      'host: must be a loopback address (127.0.0.1, ::1 or localhost)',
    );
  });
});

describe('where the settings file is', () => {
  it('is the same for every front end: REMOTEAPP_CONFIG_DIR, else the configuration folder', () => {
    expect(defaultProxySettingsPath({ REMOTEAPP_CONFIG_DIR: '/srv/ra' })).toBe(
      '/srv/ra/proxy.json',
    );
    expect(defaultProxySettingsPath({ XDG_CONFIG_HOME: '/home/op/.cfg' })).toBe(
      '/home/op/.cfg/remoteapp-admin/proxy.json',
    );
  });

  it('is created with its folder on first save', () => {
    const nested = join(dir, 'fresh', 'remoteapp-admin', 'proxy.json');
    writeProxySettings(nested, readProxySettings(join(dir, 'absent.json')));
    expect(readProxySettings(nested).port).toBe(8470);
  });
});
