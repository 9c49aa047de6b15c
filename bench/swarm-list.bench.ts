import { connectDockerHost } from '../src-core/docker/docker-host';
import { ServiceManager } from '../src-core/engines/service-manager';
import { ContainerManager } from '../src-core/realm/container-manager';
import { until } from '../test/support/until';
import { result } from './support/results';
import { alternate, median } from './support/stats';
import { benchSwarm, serviceSpec } from './support/swarm';

const SERVICES = 200;
const BATCH = 20;

/**
 * Listing a realm of 200 services, one running task each, through the
 * ServiceManager against the raw service list of the realm plus its task
 * list, both sent at once.
 */
export async function benchSwarmList() {
  const bench = await benchSwarm('swarm-list');
  try {
    for (let i = 0; i < SERVICES; i += BATCH)
      await Promise.all(
        Array.from({ length: BATCH }, (_, k) =>
          bench.raw('POST', '/services/create', serviceSpec(bench.realm, i + k)),
        ),
      );
    await until(
      `${SERVICES} tasks running`,
      async () => ((await bench.runningTasks()) === SERVICES ? true : undefined),
      300_000,
      500,
    );
    const { docker, ip } = connectDockerHost(bench.swarm.manager.host);
    const { realm } = bench;
    const containers = new ContainerManager({ docker, ip, realm });
    const manager = new ServiceManager({ docker, ip, realm, containers });
    const ours = () => manager.listContainers();
    const floor = () =>
      Promise.all([bench.raw('GET', bench.servicesPath), bench.raw('GET', bench.tasksPath)]);

    for (let i = 0; i < 10; i++) await Promise.all([ours(), floor()]); // warm up
    const times = await alternate(60, ours, floor);
    const rows = await ours();
    if (rows.filter((r) => r.state === 'running').length !== SERVICES)
      throw new Error(`the realm does not hold ${SERVICES} running services`);
    return {
      'swarm-list-200': result(median(times.ours), median(times.floor), 'ms', 1.3, {
        note: `median of 60; ${SERVICES} services of one running task each on a two-node Swarm; floor: the raw service list of the realm and its task list, sent at once`,
      }),
    };
  } finally {
    await bench.close();
  }
}
