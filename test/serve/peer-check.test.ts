import { describe, expect, it } from 'vitest';
import {
  bindRefusal,
  checkUpgrade,
  isLoopback,
  ownHosts,
  pageHost,
} from '../../src-core/serve/peer-check';

const api = (token: string) => new URL(`http://x/api?token=${token}`);

describe('which addresses are this machine only', () => {
  it('counts 127.0.0.0/8 and ::1 as loopback, also IPv4-mapped as a dual-stack socket reports them', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::FFFF:127.0.0.2'])
      expect(isLoopback(address), address).toBe(true);
    for (const address of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:0.0.0.0',
      'localhost',
    ])
      expect(isLoopback(address), address).toBe(false);
  });

  it('lets serve mode listen off loopback only for a named public host', () => {
    expect(bindRefusal('127.0.0.1', undefined)).toBeNull();
    expect(bindRefusal('::ffff:127.0.0.1', undefined)).toBeNull();
    expect(bindRefusal('0.0.0.0', undefined)).toMatch(/--public-host NAME.*unencrypted/);
    expect(bindRefusal('::', undefined)).toMatch(/not a loopback address/);
    expect(bindRefusal('0.0.0.0', 'admin.example.test')).toBeNull();
  });
});

describe('the Host names a page of this server may carry', () => {
  it('on an IPv4-mapped loopback address: its own forms and localhost', () => {
    expect([...ownHosts('::ffff:127.0.0.1', 8480)].sort()).toEqual(
      [
        '127.0.0.1:8480',
        '[::ffff:127.0.0.1]:8480',
        '[::ffff:7f00:1]:8480',
        'localhost:8480',
      ].sort(),
    );
    expect(pageHost('::ffff:127.0.0.1', 8480)).toBe('[::ffff:7f00:1]:8480');
  });

  it('off loopback: only the public host, as given and with the port', () => {
    expect([...ownHosts('0.0.0.0', 8480, 'Admin.Example.test')].sort()).toEqual([
      'admin.example.test',
      'admin.example.test:8480',
    ]);
    expect([...ownHosts('0.0.0.0', 8480, 'admin.example.test:443')]).toEqual([
      'admin.example.test:443',
    ]);
    expect([...ownHosts('0.0.0.0', 8480)]).toEqual([]);
    expect(pageHost('0.0.0.0', 8480, 'admin.example.test')).toBe('admin.example.test:8480');
  });

  it('refuses an upgrade under another Host with 421, and takes the public host behind TLS', () => {
    const hosts = ownHosts('0.0.0.0', 8480, 'admin.example.test');
    const at = (host: string, origin: string) =>
      checkUpgrade(api('t'), { host, origin }, 't', hosts);
    expect(at('evil.example:8480', 'http://evil.example:8480')).toMatchObject({ status: 421 });
    expect(at('0.0.0.0:8480', 'http://0.0.0.0:8480')).toMatchObject({ status: 421 });
    expect(at('admin.example.test:8480', 'http://admin.example.test:8480')).toEqual({ ok: true });
    expect(at('admin.example.test', 'https://admin.example.test')).toEqual({ ok: true });
    expect(at('admin.example.test', 'https://evil.example')).toMatchObject({ status: 403 });
  });
});
