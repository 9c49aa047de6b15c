import type Docker from 'dockerode';
import { planContainer, type CreatePlan, type RandomParts } from './create-plan';
import { CONTAINER_PORT } from './labels';
import { serviceName } from './service-name';
import type { StartRequest } from './start-request';

/** How often Swarm restarts a task that failed, before the service is left failed. */
const SERVICE_RESTARTS = 3;

export interface ServicePlan {
  /** What a container start would make of the same request: labels, environment, binds. */
  plan: CreatePlan;
  /** The Docker service spec, built from the plan and nothing else. */
  spec: Docker.CreateServiceOptions;
}

/**
 * A validated start request as a Swarm service: one replica, the seed's
 * labels on the service and on its container spec (simphony-remote finds a
 * task's container by them), the port published in host mode on the node
 * that runs it (the routing mesh is not relied on). CPUs and memory are
 * reserved as well as limited, so that Swarm places by them.
 */
export function planService(
  realm: string,
  spec: Required<StartRequest>,
  random: RandomParts,
  stopTimeoutSeconds: number,
): ServicePlan {
  // Every bind is asked of the node: only its task can tell whether a source exists there.
  const plan = planContainer(realm, spec, random, { publishIp: '0.0.0.0' });
  const { NanoCpus, Memory, MemoryReservation } = spec.resources;
  const limits = { NanoCPUs: NanoCpus, MemoryBytes: Memory };
  const reservations = { NanoCPUs: NanoCpus, MemoryBytes: MemoryReservation ?? Memory };
  return {
    plan,
    spec: {
      Name: serviceName(plan.namePrefix, random.nameSuffix),
      Labels: plan.labels,
      TaskTemplate: {
        ContainerSpec: {
          Image: spec.image,
          Env: plan.create.Env,
          Labels: plan.labels,
          Mounts: plan.create.HostConfig!.Mounts,
          StopGracePeriod: stopTimeoutSeconds * 1e9,
        },
        Resources: { Limits: defined(limits), Reservations: defined(reservations) },
        RestartPolicy: { Condition: 'on-failure', MaxAttempts: SERVICE_RESTARTS, Delay: 1e9 },
        Placement: { Constraints: spec.constraints },
      },
      Mode: { Replicated: { Replicas: 1 } },
      EndpointSpec: {
        Ports: [{ Protocol: 'tcp', TargetPort: CONTAINER_PORT, PublishMode: 'host' }],
      },
    },
  };
}

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== 0),
  ) as Partial<T>;
}
