import { DEFAULT_REALM } from './labels';

/**
 * The realm a front end works on: the one its command line names, else
 * `$REMOTEAPP_REALM` (so that a desktop shortcut or a service's environment
 * can set it), else simphony-remote's default. The engine registry checks it.
 */
export function chosenRealm(given: string | undefined, env: NodeJS.ProcessEnv): string {
  return given ?? (env.REMOTEAPP_REALM || DEFAULT_REALM);
}
