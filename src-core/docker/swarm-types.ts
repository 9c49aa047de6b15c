/**
 * The parts of the Swarm API's tasks and nodes that the core reads, as the
 * Engine API (v1.41) returns them; @types/dockerode types both as `any`.
 */
export type TaskState =
  | 'new'
  | 'allocated'
  | 'pending'
  | 'assigned'
  | 'accepted'
  | 'preparing'
  | 'ready'
  | 'starting'
  | 'running'
  | 'complete'
  | 'shutdown'
  | 'failed'
  | 'rejected'
  | 'remove'
  | 'orphaned';

export interface SwarmTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  CreatedAt: string;
  Version?: { Index: number };
  DesiredState: TaskState;
  Status: {
    Timestamp?: string;
    State: TaskState;
    Message?: string;
    /** Swarm's own reason a task is pending or failed. */
    Err?: string;
    ContainerStatus?: { ContainerID?: string; ExitCode?: number };
    PortStatus?: {
      Ports?: Array<{ TargetPort?: number; PublishedPort?: number; PublishMode?: string }>;
    };
  };
}

export type NodeAvailability = 'active' | 'pause' | 'drain';

export interface SwarmNode {
  ID: string;
  Version: { Index: number };
  Spec: {
    Role: 'manager' | 'worker';
    Availability: NodeAvailability;
    Labels?: Record<string, string>;
  };
  Description?: {
    Hostname?: string;
    Resources?: { NanoCPUs?: number; MemoryBytes?: number };
  };
  Status: { State: 'unknown' | 'down' | 'ready' | 'disconnected'; Addr?: string; Message?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
}
