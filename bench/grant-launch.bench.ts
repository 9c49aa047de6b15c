import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../src-core/catalog/catalog';
import { launchGrants } from '../src-core/catalog/grant-launcher';
import { ContainerManager } from '../src-core/realm/container-manager';
import { RUNINFO } from '../src-core/realm/labels';
import { IMAGES } from '../test/support/fixture-images';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { result } from './support/results';
import { median, timed } from './support/stats';

const USERS = 20;
const ROUNDS = 5;

/**
 * One grant launched for 20 users at once (catalog look-ups, start requests
 * from the policy, the manager's checks, bounded concurrency) against the
 * floor: 20 sequential raw create + start calls.
 */
export async function benchGrantLaunch() {
  const engine = await benchEngine('grant-launch');
  const dir = mkdtempSync(join(tmpdir(), 'remoteapp-bench-'));
  const catalog = Catalog.openFile(join(dir, 'catalog.db'));
  try {
    const manager = new ContainerManager({
      docker: engine.docker,
      ip: engine.ip,
      realm: engine.realm,
    });
    const raw = rawDocker(engine.socketPath);
    catalog.addApplication(IMAGES.webapp);
    const policy = {
      appLicense: 'BENCH',
      allowHome: false,
      allowView: false,
      allowCommon: false,
      volume: null,
      allowStartupData: false,
    };
    const grantIds = Array.from({ length: USERS }, (_, i) => {
      catalog.addUser(`user${i}`);
      return catalog.addGrant({ user: `user${i}`, image: IMAGES.webapp, policy }).grant.id;
    });

    const ours = async () => {
      const outcomes = await launchGrants(catalog, manager, grantIds);
      const failed = outcomes.find((o) => o.state !== 'running');
      if (failed) throw new Error(`launch failed for ${failed.user}: ${failed.error?.message}`);
    };
    const floor = async () => {
      for (let i = 0; i < USERS; i++) {
        const { Id } = await raw<{ Id: string }>('POST', '/containers/create', {
          Image: IMAGES.webapp,
          Env: ['APP_LICENSE=BENCH'],
          Labels: { [RUNINFO.realm]: engine.realm },
          ExposedPorts: { '8888/tcp': {} },
          HostConfig: { PortBindings: { '8888/tcp': [{ HostPort: '' }] } },
        });
        await raw('POST', `/containers/${Id}/start`);
      }
    };
    const oursTimes: number[] = [];
    const floorTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, and start each from an empty realm.
      for (const [run, times] of round % 2
        ? ([
            [ours, oursTimes],
            [floor, floorTimes],
          ] as const)
        : ([
            [floor, floorTimes],
            [ours, oursTimes],
          ] as const)) {
        times.push(await timed(run));
        await engine.cleanup();
      }
    }
    return {
      'grant-launch-20': result(median(oursTimes), median(floorTimes), 'ms', 0.7, {
        note: `median of ${ROUNDS}; 20 users at once vs floor: 20 sequential raw create + start`,
      }),
    };
  } finally {
    catalog.close();
    rmSync(dir, { recursive: true, force: true });
    await engine.cleanup();
  }
}
