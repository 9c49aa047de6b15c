import { randomNameSuffix } from '../../src-core/realm/container-name';
import { RUNINFO } from '../../src-core/realm/labels';
import { planService } from '../../src-core/realm/service-plan';
import { validateStartRequest } from '../../src-core/realm/start-request';
import { newUrlId } from '../../src-core/realm/url-path';
import type { SwarmTask } from '../../src-core/docker/swarm-types';
import { IMAGES } from '../../test/support/fixture-images';
import { startSwarm } from '../../test/support/swarm';
import { until } from '../../test/support/until';
import { benchEngine } from './engine';
import { rawDocker } from './raw-docker';

/** The stop grace period of every service here: the webapp stops on SIGTERM, so it never waits. */
export const STOP_TIMEOUT_SECONDS = 1;

/** The launch request of user n, as the product sends it. */
export function launchRequest(n: number) {
  return { user: `user${n}`, image: IMAGES.webapp, mappingId: `m${n}` };
}

/** The service spec the product would create for user n: what `planService` builds. */
export function serviceSpec(realm: string, n: number) {
  const random = { nameSuffix: randomNameSuffix(), urlId: newUrlId() };
  const request = validateStartRequest(launchRequest(n));
  return planService(realm, request, random, STOP_TIMEOUT_SECONDS).spec;
}

/**
 * A private two-node Swarm with the webapp image (copied from the bench
 * engine), the bench realm, and raw calls to the manager's socket.
 */
export async function benchSwarm(name: string) {
  const engine = await benchEngine(name);
  const swarm = await startSwarm({
    images: [IMAGES.webapp],
    sourceHost: `unix://${engine.socketPath}`,
  });
  const { realm } = engine;
  const raw = rawDocker(swarm.manager.socketPath);
  const byRealm = encodeURIComponent(JSON.stringify({ label: [`${RUNINFO.realm}=${realm}`] }));
  const running = encodeURIComponent(
    JSON.stringify({ label: [`${RUNINFO.realm}=${realm}`], 'desired-state': ['running'] }),
  );
  const listTasks = () => raw<SwarmTask[]>('GET', `/tasks?filters=${running}`);
  return {
    swarm,
    realm,
    raw,
    /** The floor of a listing: the raw service list of the realm. */
    servicesPath: `/services?filters=${byRealm}`,
    /** ...and the raw task list of the realm. */
    tasksPath: `/tasks?filters=${byRealm}`,
    /** How many of the realm's tasks run now. */
    async runningTasks() {
      return (await listTasks()).filter((t) => t.Status.State === 'running').length;
    },
    /** Removes the realm's services and waits until neither node holds a container or task of it. */
    async empty() {
      const services = await raw<Array<{ ID: string }>>('GET', `/services?filters=${byRealm}`);
      await Promise.all(services.map((s) => raw('DELETE', `/services/${s.ID}`)));
      await until(
        'both nodes empty',
        async () => {
          const left = await Promise.all([
            swarm.manager.docker.listContainers({ all: true }),
            swarm.worker.docker.listContainers({ all: true }),
            raw<unknown[]>('GET', `/tasks?filters=${byRealm}`),
          ]);
          return left.every((l) => l.length === 0) ? true : undefined;
        },
        120_000,
        100,
      );
    },
    close: () => swarm.close(),
  };
}
