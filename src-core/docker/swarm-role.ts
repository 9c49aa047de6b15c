/** The Swarm part of `/info`. */
export interface SwarmInfo {
  LocalNodeState?: string;
  ControlAvailable?: boolean;
  Nodes?: number;
  Managers?: number;
}

/** A daemon's place in a Swarm, and for a manager the cluster's size. */
export interface SwarmRole {
  role: 'manager' | 'worker' | 'none';
  nodes: number | null;
}

/**
 * As the engine decides when it connects: ControlAvailable makes a manager;
 * an active node without it is a worker; any other state (inactive, pending,
 * locked, error) takes no Swarm part.
 */
export function swarmRole(info: SwarmInfo | undefined): SwarmRole {
  if (info?.ControlAvailable === true) return { role: 'manager', nodes: info.Nodes ?? null };
  return { role: info?.LocalNodeState === 'active' ? 'worker' : 'none', nodes: null };
}
