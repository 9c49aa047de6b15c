import { RUNINFO } from '../src-core/realm/labels';
import { ContainerManager } from '../src-core/realm/container-manager';
import { IMAGES } from '../test/support/fixture-images';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { result } from './support/results';
import { median, timed } from './support/stats';

/** Listing a 200-container realm against one raw filtered GET /containers/json. */
export async function benchListRealm() {
  const engine = await benchEngine('list');
  try {
    for (let i = 0; i < 200; i += 20)
      await Promise.all(
        Array.from({ length: 20 }, (_, k) =>
          engine.docker.createContainer({
            Image: IMAGES.webapp,
            Labels: {
              [RUNINFO.realm]: engine.realm,
              [RUNINFO.user]: `user${i + k}`,
              [RUNINFO.mappingId]: `m${i + k}`,
              [RUNINFO.urlId]: `u${i + k}`,
              [RUNINFO.urlpath]: `/user/user${i + k}/containers/u${i + k}`,
            },
          }),
        ),
      );
    const manager = new ContainerManager({
      docker: engine.docker,
      ip: engine.ip,
      realm: engine.realm,
    });
    const raw = rawDocker(engine.socketPath);
    const filters = encodeURIComponent(
      JSON.stringify({ label: [`${RUNINFO.realm}=${engine.realm}`] }),
    );
    const rawList = () => raw<unknown[]>('GET', `/containers/json?all=1&filters=${filters}`);

    const ours: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 10; i++) await Promise.all([manager.listContainers(), rawList()]); // warm up
    for (let i = 0; i < 60; i++) {
      // Alternate the order so that neither side always runs on a warmer engine.
      if (i % 2) {
        ours.push(await timed(() => manager.listContainers()));
        floor.push(await timed(rawList));
      } else {
        floor.push(await timed(rawList));
        ours.push(await timed(() => manager.listContainers()));
      }
    }
    if ((await manager.listContainers()).length !== 200)
      throw new Error('realm does not hold 200 containers');
    return {
      'list-realm-200': result(median(ours), median(floor), 'ms', 1.3, {
        note: 'median of 60; floor: one raw filtered GET /containers/json',
      }),
    };
  } finally {
    await engine.cleanup();
  }
}
