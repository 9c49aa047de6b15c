import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/cli-process';
import { IMAGES } from '../support/fixture-images';
import { startSwarm, type TestSwarm } from '../support/swarm';

let swarm: TestSwarm;
const configDir = mkdtempSync(join(tmpdir(), 'remoteapp-cli-swarm-'));

/** The real command with DOCKER_HOST on a private Swarm's manager, as an operator points it there. */
const cli = (...args: string[]) =>
  runCliProcess(
    {
      DOCKER_HOST: swarm.manager.host,
      REMOTEAPP_CONFIG_DIR: configDir,
      REMOTEAPP_REALM: 'cli-swarm',
    },
    args,
  );

beforeAll(async () => {
  swarm = await startSwarm({ images: [IMAGES.webapp] });
}, 120_000);

afterAll(async () => {
  await swarm?.close();
  rmSync(configDir, { recursive: true, force: true });
}, 60_000);

describe('remoteapp-admin on a Swarm manager', () => {
  it('launches a service, lists it with its node and service id, and stops it', async () => {
    const launched = await cli('launch', '--user', 'ann', '--image', IMAGES.webapp, '--json');
    expect(launched.stderr).toBe('');
    expect(launched.code).toBe(0);
    const { id, node } = JSON.parse(launched.stdout) as { id: string; node: string };
    expect([swarm.manager.hostname, swarm.worker.hostname]).toContain(node);

    const [row] = JSON.parse((await cli('ls', '--json')).stdout);
    expect(row).toMatchObject({ id, service: id, node, user: 'ann', state: 'running' });
    expect(typeof row.port).toBe('number');

    const table = (await cli('ls')).stdout.split('\n');
    expect(table[0]).toMatch(/\bSTATE\s+NODE\s+URL\b/);
    expect(table[1]).toContain(node);

    const stopped = await cli('stop', id);
    expect(stopped.code).toBe(0);
    expect(await swarm.manager.docker.listServices()).toEqual([]);
    expect((await cli('ls')).stdout.trim()).toBe('No containers in this realm.');
  }, 60_000);
});
