import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { fillRealm, realmListPath } from './support/realm-requests';
import { result } from './support/results';
import { alternate, median } from './support/stats';

/** Listing a 200-container realm against one raw filtered GET /containers/json. */
export async function benchListRealm() {
  const engine = await benchEngine('list');
  try {
    await fillRealm((body) => engine.docker.createContainer(body), engine.realm, 200, 20);
    const manager = engine.manager();
    const raw = rawDocker(engine.socketPath);
    const listPath = realmListPath(engine.realm);
    const rawList = () => raw<unknown[]>('GET', listPath);
    const ours = () => manager.listContainers();

    for (let i = 0; i < 10; i++) await Promise.all([ours(), rawList()]); // warm up
    const times = await alternate(60, ours, rawList);
    if ((await ours()).length !== 200) throw new Error('realm does not hold 200 containers');
    return {
      'list-realm-200': result(median(times.ours), median(times.floor), 'ms', 1.3, {
        note: 'median of 60; floor: one raw filtered GET /containers/json',
      }),
    };
  } finally {
    await engine.cleanup();
  }
}
