import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { RUNINFO } from '../../src-core/realm/labels';
import { runCliProcess } from '../support/cli-process';
import { IMAGES } from '../support/fixture-images';
import { testRealm } from '../support/test-realm';

const realm = testRealm('cli-placement');
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-cli-placement-'));

/** `remoteapp-admin launch` in this file's realm, on the test engine (one of plain containers). */
const launch = (user: string, ...args: string[]) =>
  runCliProcess({ DOCKER_HOST: inject('dockerHost'), REMOTEAPP_CONFIG_DIR: configDir }, [
    'launch',
    '--realm',
    realm.realm,
    '--user',
    user,
    '--image',
    IMAGES.webapp,
    ...args,
  ]);

const realmContainers = () =>
  realm.docker.listContainers({
    all: true,
    filters: { label: [`${RUNINFO.realm}=${realm.realm}`] },
  });

afterAll(async () => {
  await realm.cleanup();
});

describe('remoteapp-admin launch --cpus, --memory, --constraint', () => {
  it('limits the container as docker run does: --cpus 0.5 --memory 64m', async () => {
    const run = await launch('ann', '--cpus', '0.5', '--memory', '64m', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { id } = JSON.parse(run.stdout) as { id: string };
    const { HostConfig } = await realm.docker.getContainer(id).inspect();
    expect(HostConfig.NanoCpus).toBe(5e8);
    expect(HostConfig.Memory).toBe(64 * 1024 ** 2);
  });

  it('reads --memory as docker run reads it: binary units, any case, or bytes', async () => {
    for (const [user, size, bytes] of [
      ['dee', '1.5G', 1.5 * 1024 ** 3],
      ['eve', '96MiB', 96 * 1024 ** 2],
      ['fay', '100000000', 100_000_000],
    ] as const) {
      const run = await launch(user, '--memory', size, '--json');
      expect(run.code, size).toBe(0);
      const { id } = JSON.parse(run.stdout) as { id: string };
      expect((await realm.docker.getContainer(id).inspect()).HostConfig.Memory, size).toBe(bytes);
    }
  });

  it('refuses --constraint on an engine of plain containers, naming constraints, and makes nothing', async () => {
    const run = await launch('ben', '--constraint', 'node.role==worker');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^remoteapp-admin: VALIDATION: constraints: placement constraints need a Swarm engine/,
    );
    const users = (await realmContainers()).map((c) => c.Labels[RUNINFO.user]);
    expect(users).not.toContain('ben');
  });

  it('refuses a --memory or --cpus that is not one, or out of bounds, naming the flag', async () => {
    for (const [flag, value, reason] of [
      ['--memory', 'lots', 'must be a size such as 512m, 2g or 1.5G'],
      ['--memory', '64x', 'must be a size such as 512m, 2g or 1.5G'],
      ['--memory', '1,5g', 'must be a size such as 512m, 2g or 1.5G'],
      ['--memory', '1m', "must be at least 6 MiB (6291456 bytes), Docker's minimum"],
      ['--memory', '2t', 'must be at most 1 TiB'],
      ['--cpus', 'half', 'must be a number of CPUs such as 0.5 or 2'],
      ['--cpus', '0', 'must be at least 0.01 CPU'],
    ] as const) {
      const run = await launch('cy', flag, value);
      expect(run.code, `${flag} ${value}`).toBe(2);
      expect(run.stderr, `${flag} ${value}`).toMatch(
        new RegExp(`^remoteapp-admin: VALIDATION: ${flag}: "${value}" ${escape(reason)}\n`),
      );
    }
    const users = (await realmContainers()).map((c) => c.Labels[RUNINFO.user]);
    expect(users).not.toContain('cy');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
