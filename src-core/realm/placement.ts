import type { StartRequest } from './start-request';

/**
 * What an operator asks of a launch's resources, in the words of the launch
 * form, the catalog's policy and the CLI (`--cpus`, `--memory`, `--constraint`).
 */
export interface Placement {
  /** CPUs the app is given: a limit, and on a Swarm engine a reservation Swarm places by. */
  cpus?: number;
  /** Memory the app is given, in bytes: a limit, and on a Swarm engine a reservation. */
  memoryBytes?: number;
  /** Swarm placement constraints on node fields and labels (`node.labels.zone==a`). */
  constraints?: string[];
}

/** The start request's part of a placement, in Docker's HostConfig names. */
export function placementRequest(
  placement: Placement,
): Pick<StartRequest, 'resources' | 'constraints'> {
  const resources = {
    ...(placement.cpus !== undefined && { NanoCpus: Math.round(placement.cpus * 1e9) }),
    ...(placement.memoryBytes !== undefined && { Memory: placement.memoryBytes }),
  };
  return {
    ...(Object.keys(resources).length && { resources }),
    ...(placement.constraints?.length && { constraints: placement.constraints }),
  };
}
