import type Docker from 'dockerode';
import { IMAGE_LABELS } from './labels';

/** An application image's simphony-remote metadata. */
export interface AppImage {
  id: string;
  /** The first repository tag, or '' for an untagged image. */
  name: string;
  uiName: string;
  icon128: string;
  description: string;
  type: string;
  /** Variables the image accepts, from `env.<name>` labels (`x11-width` -> `X11_WIDTH`). */
  env: Record<string, string>;
  /** The seed's configurables this image supports (`resolution`, `srdata`). */
  configurables: Configurable[];
}

export type Configurable = 'resolution' | 'srdata';

const ENV_NAME = /^[a-z0-9-]+$/;

export function imageFromInspect(
  info: Pick<Docker.ImageInspectInfo, 'Id' | 'RepoTags' | 'Config'>,
): AppImage {
  const labels = info.Config?.Labels ?? {};
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (!key.startsWith(IMAGE_LABELS.envPrefix)) continue;
    const name = key.slice(IMAGE_LABELS.envPrefix.length);
    // The seed skips badly formed names rather than guessing.
    if (!ENV_NAME.test(name)) continue;
    env[name.toUpperCase().replace(/-/g, '_')] = value;
  }
  const configurables: Configurable[] = [];
  if (['X11_WIDTH', 'X11_HEIGHT', 'X11_DEPTH'].every((k) => k in env))
    configurables.push('resolution');
  if ('SRDATA' in env) configurables.push('srdata');
  return {
    id: info.Id,
    name: info.RepoTags?.[0] ?? '',
    uiName: labels[IMAGE_LABELS.uiName] ?? '',
    icon128: labels[IMAGE_LABELS.icon128] ?? '',
    description: labels[IMAGE_LABELS.description] ?? '',
    type: labels[IMAGE_LABELS.type] ?? '',
    env,
    configurables,
  };
}
