import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VolumeSpec } from '../src-core/realm/start-request';
import { IMAGES } from '../test/support/fixture-images';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { rawLaunchBody } from './support/realm-requests';
import { result } from './support/results';
import { alternate, median } from './support/stats';

/**
 * One launch through the manager against raw create + start + inspect: with
 * no bind, with two, and with one of the two missing on the engine, where the
 * floor is a client that knew it beforehand and asked for the other alone.
 */
export async function benchLaunch() {
  const engine = await benchEngine('launch');
  const dir = mkdtempSync(join(tmpdir(), 'bench-launch-'));
  try {
    const manager = engine.manager();
    const raw = rawDocker(engine.socketPath);
    let n = 0;
    const medians = async (volumes: VolumeSpec[], mounted: VolumeSpec[]) => {
      const ours = async () => {
        n++;
        await manager.startContainer({
          user: `user${n}`,
          image: IMAGES.webapp,
          mappingId: `m${n}`,
          volumes,
        });
      };
      const body = rawLaunchBody(engine.realm);
      const Mounts = mounted.map((v) => ({
        Type: 'bind',
        Source: v.source,
        Target: v.target,
        ReadOnly: v.mode === 'ro',
      }));
      const floorLaunch = async () => {
        const { Id } = await raw<{ Id: string }>('POST', '/containers/create', {
          ...body,
          HostConfig: { ...body.HostConfig, Mounts },
        });
        await raw('POST', `/containers/${Id}/start`);
        await raw('GET', `/containers/${Id}/json`);
      };
      await ours();
      await floorLaunch();
      // Each sample starts from an empty realm, so the engine's load is the same for all.
      const times = await alternate(16, ours, floorLaunch, () => engine.cleanup());
      return [median(times.ours), median(times.floor)] as const;
    };
    const present: VolumeSpec = { source: dir, target: '/data', mode: 'ro' };
    const other: VolumeSpec = { source: tmpdir(), target: '/scratch', mode: 'rw' };
    const missing: VolumeSpec = { source: join(dir, 'missing'), target: '/scratch', mode: 'rw' };
    const none = await medians([], []);
    const two = await medians([present, other], [present, other]);
    const oneMissing = await medians([present, missing], [present]);
    return {
      'launch-one': result(...none, 'ms', 1.15, {
        note: 'median of 16; floor: raw create + start + inspect',
      }),
      'launch-two-binds': result(...two, 'ms', 1.15, {
        note: 'median of 16; both sources exist: one create; floor: raw create with both Mounts + start + inspect',
      }),
      'launch-missing-bind': result(...oneMissing, 'ms', 1.15, {
        note: 'median of 16; one of two sources missing: the refused create, then one without it; floor: raw create of the other alone + start + inspect',
      }),
    };
  } finally {
    await engine.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}
