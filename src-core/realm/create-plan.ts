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
  /** The binds asked of the engine. */
  mounted: VolumeSpec[];
  /** The binds left out: their sources do not exist where the engine looks. */
  skippedVolumes: VolumeSpec[];
  /** The host address the port is published on. */
  publishIp: string;
  /** The Docker create options, built from the above and nothing else. */
  create: Docker.ContainerCreateOptions;
}

/**
 * The one place a validated start request becomes Docker create options, so
 * that a preview shows exactly what a start creates. Binds go as `Mounts` of
 * type bind: the engine then refuses a source missing on its own machine
 * (where legacy `Binds` would create it as an empty root-owned folder).
 */
export function planContainer(
  realm: string,
  spec: Required<StartRequest>,
  random: RandomParts,
  { publishIp, skipped = [] }: { publishIp: string; skipped?: readonly VolumeSpec[] },
): CreatePlan {
  const mounted = spec.volumes.filter((v) => !skipped.includes(v));
  const skippedVolumes = spec.volumes.filter((v) => skipped.includes(v));
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
    publishIp,
    create: {
      name: `${namePrefix}-${random.nameSuffix}`,
      Image: spec.image,
      Env: toDockerEnv(environment),
      Labels: labels,
      ExposedPorts: { [port]: {} },
      HostConfig: {
        ...spec.resources,
        // Only where the proxy reaches it: the seed published on every interface.
        PortBindings: { [port]: [{ HostIp: publishIp, HostPort: '' }] },
        Mounts: mounted.map((v) => ({
          Type: 'bind',
          Source: v.source,
          Target: v.target,
          ReadOnly: v.mode === 'ro',
        })),
      },
    },
  };
}
