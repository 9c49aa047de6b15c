import { CoreError } from '../../src-core/api/errors';
import { chosenRealm } from '../../src-core/realm/chosen-realm';

/**
 * The realm the desktop app works on, from its command line as Electron
 * passes it (`electron . --realm R` from a checkout, `remoteapp-admin
 * --realm R` packaged; `--realm=R` too) or from `$REMOTEAPP_REALM`. Anything
 * else on the line belongs to Electron or Chromium and is left alone.
 */
export function desktopRealm(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  let given: string | undefined;
  argv.forEach((arg, i) => {
    if (arg.startsWith('--realm=')) given = arg.slice('--realm='.length);
    else if (arg === '--realm') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw CoreError.validation('--realm', 'needs a value: --realm R');
      given = value;
    }
  });
  return chosenRealm(given, env);
}
