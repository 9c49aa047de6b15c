import { IMAGES } from '../test/support/fixture-images';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { rawLaunchBody } from './support/realm-requests';
import { result } from './support/results';
import { alternate, median } from './support/stats';

/** One launch through the manager against raw create + start + inspect. */
export async function benchLaunch() {
  const engine = await benchEngine('launch');
  try {
    const manager = engine.manager();
    const raw = rawDocker(engine.socketPath);
    let n = 0;
    const ours = async () => {
      n++;
      await manager.startContainer({ user: `user${n}`, image: IMAGES.webapp, mappingId: `m${n}` });
    };
    const floorLaunch = async () => {
      n++;
      const { Id } = await raw<{ Id: string }>(
        'POST',
        '/containers/create',
        rawLaunchBody(engine.realm),
      );
      await raw('POST', `/containers/${Id}/start`);
      await raw('GET', `/containers/${Id}/json`);
    };
    await ours();
    await floorLaunch();
    // Each sample starts from an empty realm, so the engine's load is the same for all.
    const times = await alternate(16, ours, floorLaunch, () => engine.cleanup());
    return {
      'launch-one': result(median(times.ours), median(times.floor), 'ms', 1.15, {
        note: 'median of 16; floor: raw create + start + inspect',
      }),
    };
  } finally {
    await engine.cleanup();
  }
}
