import { withoutEndSlash } from './url-path';

/** The variables a start sets itself, whatever the caller asked: a relaunch leaves them to it. */
export const START_VARIABLES = ['JPY_USER', 'JPY_BASE_USER_URL', 'USER', 'URL_ID'] as const;

/**
 * The container's environment as the seed builds it: the caller's variables
 * first, then the four that identify the user and URL, which always win.
 */
export function containerEnvironment(
  user: string,
  urlId: string,
  baseUrlpath: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const own: Record<(typeof START_VARIABLES)[number], string> = {
    JPY_USER: user,
    JPY_BASE_USER_URL: withoutEndSlash(baseUrlpath),
    USER: unixUser(user),
    URL_ID: urlId,
  };
  return { ...extra, ...own };
}

/** The local part of an e-mail address, else the placeholder `user`. */
function unixUser(user: string): string {
  return user.includes('@') ? user.split('@')[0]! : 'user';
}

export function toDockerEnv(env: Record<string, string>): string[] {
  return Object.entries(env).map(([key, value]) => `${key}=${value}`);
}
