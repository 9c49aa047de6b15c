import { CoreError } from '../api/errors';
import type { AppImage } from '../realm/image';
import { placementRequest } from '../realm/placement';
import type { StartRequest, VolumeSpec } from '../realm/start-request';
import type { Grant } from './catalog-rows';

/** The seed's configurables: what a launcher may set on images that support them. */
export interface ConfigurableValues {
  /** `WIDTHxHEIGHT`, for images with X11_WIDTH/X11_HEIGHT/X11_DEPTH. */
  resolution?: string;
  /** A file to open at start, for images with SRDATA; needs a policy allowing startup data. */
  srdata?: string;
}

export interface GrantLaunchOptions {
  /**
   * The host directory mounted when the policy allows home: `{user}` becomes
   * the user's name. The seed mounted its own $HOME, right on the user's
   * server but not on an operator's workstation.
   */
  homeTemplate?: string;
  /** Where the home directory appears in the container (the seed's `/workspace`). */
  homeTarget?: string;
  /**
   * Applied as the seed's web API does: when given, every configurable the
   * image supports gets its value or its default; when absent, none is set.
   */
  configurables?: ConfigurableValues;
}

export const DEFAULT_HOME_TEMPLATE = '/home/{user}';
export const DEFAULT_HOME_TARGET = '/workspace';
const DEFAULT_RESOLUTION = { X11_WIDTH: '1024', X11_HEIGHT: '768', X11_DEPTH: '16' };
const MAX_SIDE = 16384;

function resolutionEnv(value: string | undefined): Record<string, string> {
  if (value === undefined || value === '') return DEFAULT_RESOLUTION;
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(value);
  const [w, h] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE)
    throw CoreError.validation(
      'configurables.resolution',
      `must be WIDTHxHEIGHT, each 1 to ${MAX_SIDE} (got "${value}")`,
    );
  return { X11_WIDTH: String(w), X11_HEIGHT: String(h), X11_DEPTH: '16' };
}

/** The user's home directory on the host, from the template. */
export function homeDirectory(template: string, user: string): string {
  if (!template.startsWith('/'))
    throw CoreError.validation('homeTemplate', `must be an absolute path (got "${template}")`);
  // A name must stay one path segment: "../etc" would otherwise mount another directory.
  if (template.includes('{user}') && (/[/\\:]/.test(user) || user === '.' || user === '..'))
    throw CoreError.validation(
      'user',
      `"${user}" cannot name a home directory (it contains "/", "\\" or ":")`,
    );
  return template.replaceAll('{user}', user);
}

/**
 * The start request for a grant, built as simphony-remote's web API builds
 * it: the grant's id is the mapping id, the licence becomes APP_LICENSE, the
 * policy's volume and (when allowed) the user's home are mounted, and the
 * image's configurables become their environment variables. The policy's
 * placement (ours, not the seed's) becomes the request's limits and
 * constraints, which an engine of plain containers refuses.
 */
export function startRequestForGrant(
  grant: Grant,
  image: AppImage,
  options: GrantLaunchOptions = {},
): StartRequest {
  const { policy } = grant;
  const environment: Record<string, string> = {};
  const values = options.configurables;
  if (values) {
    if (values.srdata && !policy.allowStartupData)
      throw CoreError.validation(
        'configurables.srdata',
        `the policy of grant ${grant.id} does not allow startup data`,
      );
    if (image.configurables.includes('resolution'))
      Object.assign(environment, resolutionEnv(values.resolution));
    if (image.configurables.includes('srdata')) environment.SRDATA = values.srdata ?? '';
  }
  if (policy.appLicense) environment.APP_LICENSE = policy.appLicense;

  const volumes: VolumeSpec[] = [];
  if (policy.allowHome)
    volumes.push({
      source: homeDirectory(options.homeTemplate ?? DEFAULT_HOME_TEMPLATE, grant.user.name),
      target: options.homeTarget ?? DEFAULT_HOME_TARGET,
      mode: 'rw',
    });
  if (policy.volume) volumes.push({ ...policy.volume });

  return {
    user: grant.user.name,
    image: grant.application.image,
    mappingId: grant.id,
    volumes,
    environment,
    ...placementRequest(policy),
  };
}
