import { describe, expect, it } from 'vitest';
import { startCore } from '../../../src-core/host/start-core';
import { desktopRealm } from '../../../electron/main/desktop-realm';

// process.argv as Electron gives it: from a checkout (`electron . ...`) and packaged.
const checkout = ['/opt/electron/electron', '.'];
const packaged = ['/opt/RemoteApp Admin/remoteapp-admin'];

describe('the realm the desktop app works on', () => {
  it('is remoteexec when neither the command line nor the environment names one', () => {
    expect(desktopRealm(checkout, {})).toBe('remoteexec');
    expect(desktopRealm(packaged, { REMOTEAPP_REALM: '' })).toBe('remoteexec');
  });

  it('comes from --realm R or --realm=R, among switches that are Electron’s', () => {
    expect(desktopRealm([...checkout, '--realm', 'lab'], {})).toBe('lab');
    expect(desktopRealm([...packaged, '--no-sandbox', '--realm=lab.2', '--disable-gpu'], {})).toBe(
      'lab.2',
    );
  });

  it('comes from REMOTEAPP_REALM when the command line names none; the command line wins', () => {
    expect(desktopRealm(packaged, { REMOTEAPP_REALM: 'shortcut' })).toBe('shortcut');
    expect(desktopRealm([...packaged, '--realm', 'lab'], { REMOTEAPP_REALM: 'shortcut' })).toBe(
      'lab',
    );
  });

  it('refuses --realm without a value, naming the option', () => {
    for (const argv of [
      [...packaged, '--realm'],
      [...packaged, '--realm', '--no-sandbox'],
    ])
      expect(() => desktopRealm(argv, {})).toThrow(
        expect.objectContaining({
          code: 'VALIDATION',
          message: '--realm: needs a value: --realm R',
          details: { field: '--realm', reason: 'needs a value: --realm R' },
        }),
      );
  });

  it('an invalid realm stops the start with the error the start-up box shows, naming realm', async () => {
    for (const [argv, env, shown] of [
      [[...packaged, '--realm', 'not a realm!'], {}, '"not a realm!"'],
      [packaged, { REMOTEAPP_REALM: 'a/b' }, '"a/b"'],
    ] as const) {
      const failure = await startCore({ realm: desktopRealm(argv, env), profiles: [] }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({
        code: 'VALIDATION',
        // The value refused is quoted, so a typo in a shortcut is seen.
        message: `realm: ${shown} is not a realm: letters, digits, ".", "_" or "-" (at most 63)`,
        details: { field: 'realm' },
      });
    }
  });
});
