import type { LogLine } from '../docker/log-lines';
import type { RealmContainer } from './container';
import type { ContainerDetails, LogFollower } from './container-details';
import type { ContainerQuery, StartPreview, StartResult, StopResult } from './container-manager';
import type { AppImage } from './image';
import type { StartRequest } from './start-request';

/**
 * What the rest of the core asks of a realm on one engine: containers on a
 * single host (`ContainerManager`) or Swarm services (`ServiceManager`). A
 * row's `id` is what stop, relaunch, inspect and logs take back.
 */
export interface RealmManager {
  readonly realm: string;
  readonly ip: string;
  startContainer(request: StartRequest): Promise<StartResult>;
  stopAndRemoveContainer(id: string): Promise<StopResult>;
  relaunchRequest(id: string): Promise<StartRequest>;
  busyWith(container: RealmContainer): boolean;
  listContainers(): Promise<RealmContainer[]>;
  findContainers(query: ContainerQuery): Promise<RealmContainer[]>;
  findContainer(query: ContainerQuery): Promise<RealmContainer | null>;
  /** Docker list filters (`id`, `label`), always narrowed to the realm. */
  containersFromFilters(filters: Record<string, string[]>): Promise<RealmContainer[]>;
  image(nameOrId: string): Promise<AppImage | null>;
  inspectContainer(id: string): Promise<ContainerDetails>;
  containerLogs(id: string, tail: number): Promise<LogLine[]>;
  followContainerLogs(id: string, tail: number, follower: LogFollower): Promise<{ stop(): void }>;
  listImages(): Promise<AppImage[]>;
  previewContainer(request: StartRequest): Promise<StartPreview>;
  previewUnasked(request: StartRequest, replaces: string | null): StartPreview;
}
