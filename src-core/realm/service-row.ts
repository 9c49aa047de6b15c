import type Docker from 'dockerode';
import type { SwarmNode, SwarmTask, TaskState } from '../docker/swarm-types';
import type { ContainerState, RealmContainer } from './container';
import { CONTAINER_PORT, RUNINFO } from './labels';

/** Swarm's task states as the table's container states. */
const STATES: Record<TaskState, ContainerState> = {
  new: 'created',
  allocated: 'created',
  pending: 'created',
  assigned: 'created',
  accepted: 'created',
  preparing: 'created',
  ready: 'created',
  starting: 'created',
  running: 'running',
  complete: 'exited',
  shutdown: 'exited',
  failed: 'dead',
  rejected: 'dead',
  remove: 'removing',
  orphaned: 'dead',
};

/** Where the nodes are reached from this machine: the operator's address for a node, else Swarm's. */
export type NodeAddresses = Readonly<Record<string, string>>;

/** A node's address: the operator's (by hostname or id), else `Status.Addr`, else its manager address. */
export function nodeAddress(node: SwarmNode, addresses: NodeAddresses): string {
  const own = addresses[node.Description?.Hostname ?? ''] ?? addresses[node.ID];
  if (own) return own;
  const addr = node.Status.Addr;
  // A manager may report 0.0.0.0 when it listens everywhere; its raft address says where.
  if (addr && addr !== '0.0.0.0') return addr;
  return node.ManagerStatus?.Addr?.replace(/:\d+$/, '') ?? '';
}

/** The task a service's row shows: the newest one meant to run, else the newest. */
export function currentTask(tasks: readonly SwarmTask[]): SwarmTask | undefined {
  const newest = [...tasks].sort((a, b) => (b.Version?.Index ?? 0) - (a.Version?.Index ?? 0));
  return newest.find((t) => t.DesiredState === 'running') ?? newest[0];
}

/** Swarm's words for a task: its own reason when it has one (pending, failed), else its message. */
function taskStatus(task: SwarmTask | undefined): string {
  if (!task) return 'no task yet';
  const { State, Err, Message } = task.Status;
  return Err
    ? `${State}: ${Err}`
    : `${State}${Message && Message !== State ? ` (${Message})` : ''}`;
}

/**
 * One row of the table for a service: its id and labels, the node that runs
 * its current task and that node's address with the task's host-mode port.
 */
export function serviceRow(
  service: Docker.Service,
  task: SwarmTask | undefined,
  node: SwarmNode | undefined,
  addresses: NodeAddresses,
): RealmContainer {
  const labels = service.Spec?.Labels ?? {};
  const running = task?.Status.State === 'running';
  const published = task?.Status.PortStatus?.Ports?.find((p) => p.TargetPort === CONTAINER_PORT);
  const template = service.Spec?.TaskTemplate as Docker.ContainerTaskSpec | undefined;
  const image = template?.ContainerSpec?.Image ?? '';
  return {
    id: service.ID,
    name: service.Spec?.Name ?? '',
    // Swarm pins the image by digest when a registry answers; the operator named the tag.
    image: image.replace(/@sha256:[0-9a-f]+$/, ''),
    // The digest Swarm pinned, when a registry gave one; the nodes may each hold another image.
    imageId: /@(sha256:[0-9a-f]+)$/.exec(image)?.[1] ?? '',
    user: labels[RUNINFO.user] ?? '',
    mappingId: labels[RUNINFO.mappingId] ?? '',
    urlId: labels[RUNINFO.urlId] ?? '',
    urlpath: labels[RUNINFO.urlpath] ?? '',
    realm: labels[RUNINFO.realm] ?? '',
    ip: node ? nodeAddress(node, addresses) : '',
    port: running ? (published?.PublishedPort ?? null) : null,
    state: task ? STATES[task.Status.State] : 'created',
    status: taskStatus(task),
    created: Math.floor(Date.parse(service.CreatedAt ?? '') / 1000) || 0,
    node: node?.Description?.Hostname ?? null,
    service: service.ID,
    ...(task?.Status.Err && { swarmError: task.Status.Err }),
  };
}
