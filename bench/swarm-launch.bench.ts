import { EngineRegistry } from '../src-core/engines/engine-registry';
import { Launcher } from '../src-core/engines/launcher';
import { until } from '../test/support/until';
import { result } from './support/results';
import { alternate, median } from './support/stats';
import { benchSwarm, launchRequest, serviceSpec, STOP_TIMEOUT_SECONDS } from './support/swarm';

const USERS = 20;
const ROUNDS = 7;
/** How often the floor asks for the tasks: a reasonable client's poll. */
const POLL_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 20 users launched at once on a two-node Swarm through the product (the
 * launcher on a registry engine pointed at the manager), until every task
 * runs, against 20 raw POST /services/create of the same specs sent at
 * once, then GET /tasks polled until all 20 run.
 */
export async function benchSwarmLaunch() {
  const bench = await benchSwarm('swarm-launch');
  const registry = new EngineRegistry({
    realm: bench.realm,
    stopTimeoutSeconds: STOP_TIMEOUT_SECONDS,
  });
  try {
    registry.add({ kind: 'socket', id: 'swarm', path: bench.swarm.manager.socketPath });
    await until(
      'the Swarm engine connected',
      () => registry.statuses().find((s) => s.state === 'connected'),
      30_000,
    );
    const launcher = new Launcher(registry);
    const users = Array.from({ length: USERS }, (_, i) => launchRequest(i));

    const ours = async () => {
      const steps = await launcher.launchAll(
        'swarm',
        users.map((request) => ({ ...request, request: () => request })),
      );
      const failed = steps.find((s) => s.state !== 'running');
      if (failed) throw new Error(`a launch did not run: ${JSON.stringify(failed)}`);
    };
    const floor = async () => {
      await Promise.all(
        users.map((_, i) => bench.raw('POST', '/services/create', serviceSpec(bench.realm, i))),
      );
      while ((await bench.runningTasks()) < USERS) await sleep(POLL_MS);
    };
    // The first tasks on a fresh node set up its networking: not part of any launch after.
    await ours();
    await bench.empty();
    await floor();
    await bench.empty();
    const times = await alternate(ROUNDS, ours, floor, () => bench.empty());
    return {
      'swarm-launch-20': result(median(times.ours), median(times.floor), 'ms', 1.2, {
        note: `median of ${ROUNDS}, sides alternating, nodes emptied between runs; 20 users at once through the launcher on a two-node Swarm until every task runs; floor: 20 raw POST /services/create of the same specs at once, then GET /tasks every ${POLL_MS} ms until all 20 run`,
      }),
    };
  } finally {
    await registry.close();
    await bench.close();
  }
}
