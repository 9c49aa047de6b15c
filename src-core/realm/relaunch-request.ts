import type Docker from 'dockerode';
import { START_VARIABLES } from './environment';
import { RUNINFO } from './labels';
import {
  NUMERIC_RESOURCES,
  type ContainerResources,
  type StartRequest,
  type VolumeSpec,
} from './start-request';

/** `K=V` entries as a record; the first `=` ends the name. */
function envRecord(entries: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return env;
}

/**
 * The caller's variables: the container's, less the four the start sets and
 * those the image itself sets to the same value (PATH and the like).
 */
function callerEnvironment(env: readonly string[], imageEnv: readonly string[]) {
  const own = envRecord(env);
  const image = envRecord(imageEnv);
  for (const name of START_VARIABLES) delete own[name];
  for (const [name, value] of Object.entries(image)) if (own[name] === value) delete own[name];
  return own;
}

/** Binds as `Mounts` (ours) or as legacy `Binds` strings (the seed's `src:dst[:mode]`). */
function binds(host: Docker.HostConfig): VolumeSpec[] {
  const mounts = (host.Mounts ?? [])
    .filter((m) => m.Type === 'bind')
    .map((m): VolumeSpec => ({
      source: m.Source,
      target: m.Target,
      mode: m.ReadOnly ? 'ro' : 'rw',
    }));
  const legacy = (host.Binds ?? []).map((bind): VolumeSpec => {
    const [source = '', target = '', options = ''] = bind.split(':');
    return { source, target, mode: options.split(',').includes('ro') ? 'ro' : 'rw' };
  });
  return [...mounts, ...legacy];
}

function resources(host: Docker.HostConfig): ContainerResources {
  const kept: ContainerResources = {};
  for (const key of NUMERIC_RESOURCES) {
    const value = host[key];
    if (typeof value === 'number' && value !== 0) kept[key] = value;
  }
  if (host.CpusetCpus) kept.CpusetCpus = host.CpusetCpus;
  return kept;
}

/** `<base>/containers/<url id>`, as the start made it: the user's base urlpath, or none to derive. */
function baseUrlpath(labels: Record<string, string>): string | undefined {
  const suffix = `/containers/${labels[RUNINFO.urlId] ?? ''}`;
  const urlpath = labels[RUNINFO.urlpath] ?? '';
  if (!labels[RUNINFO.urlId] || !urlpath.endsWith(suffix)) return undefined;
  return urlpath.slice(0, -suffix.length) || '/';
}

/** What a start left on what it made, wherever it is read from (a container, a service). */
export interface StartedParts {
  labels: Record<string, string>;
  image: string;
  env: readonly string[];
  /** Binds and limits, in HostConfig's names. */
  host: Docker.HostConfig;
  constraints?: string[];
}

/**
 * The start request that made a container or service: user and mapping id
 * from its labels, the image by name, the caller's environment, its binds,
 * limits and placement, the base urlpath its urlpath label was built on.
 * Starting it replaces what it made, as any start of that user and mapping id does.
 */
export function startedRequest(parts: StartedParts, imageEnv: readonly string[]): StartRequest {
  const { labels } = parts;
  const base = baseUrlpath(labels);
  return {
    user: labels[RUNINFO.user] ?? '',
    image: parts.image,
    mappingId: labels[RUNINFO.mappingId] ?? '',
    ...(base !== undefined && { baseUrlpath: base }),
    volumes: binds(parts.host),
    environment: callerEnvironment(parts.env, imageEnv),
    resources: resources(parts.host),
    ...(parts.constraints?.length && { constraints: parts.constraints }),
  };
}

/** The start request that made a container, read back from its inspect. */
export function relaunchRequest(
  info: Docker.ContainerInspectInfo,
  imageEnv: readonly string[],
): StartRequest {
  return startedRequest(
    {
      labels: info.Config.Labels ?? {},
      image: info.Config.Image,
      env: info.Config.Env ?? [],
      host: info.HostConfig,
    },
    imageEnv,
  );
}
