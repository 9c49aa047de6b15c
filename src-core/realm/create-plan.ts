import type Docker from 'dockerode';
import { containerNamePrefix } from './container-name';
import { containerEnvironment, toDockerEnv } from './environment';
import { CONTAINER_PORT, RUNINFO } from './labels';
import type { StartRequest, VolumeSpec } from './start-request';
import { containerUrlpath } from './url-path';

/** The parts of a new container drawn at random: real ones at a start, placeholders in a preview. */
export interface RandomParts {
  nameSuffix: string;
  urlId: string;
}

/** Everything a start creates, decided before Docker is asked. */
export interface CreatePlan {
  namePrefix: string;
  urlId: string;
  urlpath: string;
  labels: Record<string, string>;
  environment: Record<string, string>;
  /** Bind sources that exist and are mounted. */
  mounted: VolumeSpec[];
  /** Bind sources that do not exist: Docker would create them as empty root-owned folders. */
  skippedVolumes: VolumeSpec[];
  /** The Docker create options, built from the above and nothing else. */
  create: Docker.ContainerCreateOptions;
}

/**
 * The one place a validated start request becomes Docker create options, so
 * that a preview shows exactly what a start creates.
 */
export function planContainer(
  realm: string,
  spec: Required<StartRequest>,
  pathExists: (path: string) => boolean,
  random: RandomParts,
): CreatePlan {
  const mounted = spec.volumes.filter((v) => pathExists(v.source));
  const skippedVolumes = spec.volumes.filter((v) => !mounted.includes(v));
  const namePrefix = containerNamePrefix(realm, spec.user, spec.mappingId);
  const urlpath = containerUrlpath(spec.baseUrlpath, random.urlId);
  const environment = containerEnvironment(
    spec.user,
    random.urlId,
    spec.baseUrlpath,
    spec.environment,
  );
  const labels = {
    [RUNINFO.user]: spec.user,
    [RUNINFO.mappingId]: spec.mappingId,
    [RUNINFO.urlId]: random.urlId,
    [RUNINFO.urlpath]: urlpath,
    [RUNINFO.realm]: realm,
  };
  const port = `${CONTAINER_PORT}/tcp`;
  return {
    namePrefix,
    urlId: random.urlId,
    urlpath,
    labels,
    environment,
    mounted,
    skippedVolumes,
    create: {
      name: `${namePrefix}-${random.nameSuffix}`,
      Image: spec.image,
      Env: toDockerEnv(environment),
      Labels: labels,
      ExposedPorts: { [port]: {} },
      Volumes: Object.fromEntries(mounted.map((v) => [v.target, {}])),
      HostConfig: {
        PortBindings: { [port]: [{ HostPort: '' }] },
        Binds: mounted.map((v) => `${v.source}:${v.target}:${v.mode}`),
      },
    },
  };
}
