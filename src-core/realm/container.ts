import type Docker from 'dockerode';
import { CONTAINER_PORT, RUNINFO } from './labels';

export type ContainerState =
  'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** A container of the realm, as the manager reports it. */
export interface RealmContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  user: string;
  mappingId: string;
  /** The label's value, unchanged (seed containers keep their image-name ids). */
  urlId: string;
  urlpath: string;
  realm: string;
  /** Where the published port is reached from this machine. */
  ip: string;
  /** The host port published for the app's port; null when not running. */
  port: number | null;
  state: ContainerState;
  /** Docker's human status, such as `Up 3 minutes` or `Exited (137) 2 seconds ago`. */
  status: string;
  /** Creation time, seconds since the epoch. */
  created: number;
  /** A Swarm service's row: the hostname of the node running its task (null while none does). */
  node?: string | null;
  /** A Swarm service's row: its service id, which is also the row's `id`. */
  service?: string;
  /** A Swarm service's row: Swarm's own reason its task waits or failed (no suitable node...). */
  swarmError?: string;
}

function runinfo(labels: Record<string, string> | undefined | null) {
  const l = labels ?? {};
  return {
    user: l[RUNINFO.user] ?? '',
    mappingId: l[RUNINFO.mappingId] ?? '',
    urlId: l[RUNINFO.urlId] ?? '',
    urlpath: l[RUNINFO.urlpath] ?? '',
    realm: l[RUNINFO.realm] ?? '',
  };
}

/** From one entry of `GET /containers/json`: the port is already there. */
export function fromListEntry(entry: Docker.ContainerInfo, ip: string): RealmContainer {
  const published = entry.Ports?.find((p) => p.PrivatePort === CONTAINER_PORT && p.PublicPort);
  return {
    id: entry.Id,
    name: (entry.Names?.[0] ?? '').replace(/^\//, ''),
    image: entry.Image,
    imageId: entry.ImageID,
    ...runinfo(entry.Labels),
    ip,
    port: published?.PublicPort ?? null,
    state: entry.State as ContainerState,
    status: entry.Status,
    created: entry.Created,
  };
}

/** From `GET /containers/{id}/json`. */
export function fromInspect(info: Docker.ContainerInspectInfo, ip: string): RealmContainer {
  const binding = info.NetworkSettings?.Ports?.[`${CONTAINER_PORT}/tcp`]?.[0];
  const port = binding?.HostPort ? Number(binding.HostPort) : null;
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    image: info.Config.Image,
    imageId: info.Image,
    ...runinfo(info.Config.Labels),
    ip,
    port: info.State.Running ? port : null,
    state: info.State.Status as ContainerState,
    status: info.State.Status,
    created: Math.floor(Date.parse(info.Created) / 1000),
  };
}
