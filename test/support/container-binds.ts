import type Docker from 'dockerode';

/** The bind mounts a container was created with, in order, as `source:target:mode`. */
export function bindsOf(info: Docker.ContainerInspectInfo): string[] {
  return (info.HostConfig.Mounts ?? [])
    .filter((m) => m.Type === 'bind')
    .map((m) => `${m.Source}:${m.Target}:${m.ReadOnly ? 'ro' : 'rw'}`);
}
