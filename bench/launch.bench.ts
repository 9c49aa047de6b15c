import { RUNINFO } from '../src-core/realm/labels';
import { ContainerManager } from '../src-core/realm/container-manager';
import { IMAGES } from '../test/support/fixture-images';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { result } from './support/results';
import { median, timed } from './support/stats';

/** One launch through the manager against raw create + start + inspect. */
export async function benchLaunch() {
  const engine = await benchEngine('launch');
  try {
    const manager = new ContainerManager({
      docker: engine.docker,
      ip: engine.ip,
      realm: engine.realm,
    });
    const raw = rawDocker(engine.socketPath);
    let n = 0;
    const ours = async () => {
      n++;
      await manager.startContainer({ user: `user${n}`, image: IMAGES.webapp, mappingId: `m${n}` });
    };
    const floorLaunch = async () => {
      n++;
      const { Id } = await raw<{ Id: string }>('POST', '/containers/create', {
        Image: IMAGES.webapp,
        Labels: { [RUNINFO.realm]: engine.realm },
        ExposedPorts: { '8888/tcp': {} },
        HostConfig: { PortBindings: { '8888/tcp': [{ HostPort: '' }] } },
      });
      await raw('POST', `/containers/${Id}/start`);
      await raw('GET', `/containers/${Id}/json`);
    };
    const oursTimes: number[] = [];
    const floorTimes: number[] = [];
    await ours();
    await floorLaunch();
    for (let i = 0; i < 16; i++) {
      if (i % 2) {
        oursTimes.push(await timed(ours));
        floorTimes.push(await timed(floorLaunch));
      } else {
        floorTimes.push(await timed(floorLaunch));
        oursTimes.push(await timed(ours));
      }
      // Keep the engine's load the same for every sample.
      await engine.cleanup();
    }
    return {
      'launch-one': result(median(oursTimes), median(floorTimes), 'ms', 1.15, {
        note: 'median of 16; floor: raw create + start + inspect',
      }),
    };
  } finally {
    await engine.cleanup();
  }
}
