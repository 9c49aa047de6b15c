import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../src-core/catalog/catalog';
import { launchGrants } from '../src-core/catalog/grant-launcher';
import { IMAGES } from '../test/support/fixture-images';
import { oneEngine } from '../test/support/one-engine';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { rawLaunchBody } from './support/realm-requests';
import { result } from './support/results';
import { alternate, median } from './support/stats';

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
    const manager = engine.manager();
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
      const outcomes = await launchGrants(catalog, oneEngine(manager), grantIds);
      const failed = outcomes.find((o) => o.state !== 'running');
      if (failed) throw new Error(`launch failed for ${failed.user}: ${failed.error?.message}`);
    };
    const floor = async () => {
      for (let i = 0; i < USERS; i++) {
        const { Id } = await raw<{ Id: string }>(
          'POST',
          '/containers/create',
          rawLaunchBody(engine.realm, ['APP_LICENSE=BENCH']),
        );
        await raw('POST', `/containers/${Id}/start`);
      }
    };
    // Each run starts from an empty realm.
    const times = await alternate(ROUNDS, ours, floor, () => engine.cleanup());
    return {
      'grant-launch-20': result(median(times.ours), median(times.floor), 'ms', 0.7, {
        note: `median of ${ROUNDS}; 20 users at once vs floor: 20 sequential raw create + start`,
      }),
    };
  } finally {
    catalog.close();
    rmSync(dir, { recursive: true, force: true });
    await engine.cleanup();
  }
}
