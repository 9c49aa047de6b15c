import { writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isCoreError } from '../../src-core/api/errors';
import { EngineRegistry, type EngineProfile } from '../../src-core/engines/engine-registry';
import { writeDockerContext } from '../support/docker-contexts';
import { IMAGES } from '../support/fixture-images';
import { freePort } from '../support/free-port';
import { watchRegistry } from '../support/registry-watch';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { testRealm } from '../support/test-realm';

const t = testRealm('remote');
let second: SecondEngine;
let registry: EngineRegistry;
let watch: ReturnType<typeof watchRegistry>;

beforeAll(async () => {
  second = await startSecondEngine('remote');
  registry = new EngineRegistry({
    realm: t.realm,
    stopTimeoutSeconds: 2,
    timing: { requestTimeoutMs: 4_000, backoffMs: 200, maxBackoffMs: 1_000 },
  });
  watch = watchRegistry(registry);
});

afterAll(async () => {
  watch?.stop();
  await registry?.close();
  await t.cleanup();
  await second?.close();
});

const tls = (): EngineProfile => ({
  kind: 'tcp',
  id: 'tls',
  name: 'Second over TLS',
  host: '127.0.0.1',
  port: second.tlsPort,
  tls: { ca: second.certs.ca, cert: second.certs.clientCert, key: second.certs.clientKey },
});

const ssh = (): EngineProfile => ({
  kind: 'ssh',
  id: 'ssh',
  name: 'Second over SSH',
  host: 'localhost',
  port: second.ssh.port,
  user: second.ssh.user,
  keyFile: second.ssh.keyFile,
  knownHostsFile: second.ssh.knownHosts,
});

describe('a second dockerd over TCP+TLS and over SSH, beside the local engine', () => {
  it('connects to all three; the remote ones are the second daemon', async () => {
    registry.add({ kind: 'env', id: 'local', env: { DOCKER_HOST: inject('dockerHost') } });
    expect(registry.add(tls())).toMatchObject({
      endpoint: `tcp+tls://127.0.0.1:${second.tlsPort}`,
      ip: '127.0.0.1',
    });
    expect(registry.add(ssh())).toMatchObject({
      endpoint: `ssh://${second.ssh.user}@localhost:${second.ssh.port}`,
      ip: 'localhost',
    });
    const [local, viaTls, viaSsh] = await Promise.all([
      watch.state('local', 'connected'),
      watch.state('tls', 'connected'),
      watch.state('ssh', 'connected'),
    ]);
    const secondId = (await second.docker.info()).ID;
    expect(viaTls.dockerId).toBe(secondId);
    expect(viaSsh.dockerId).toBe(secondId);
    expect(local.dockerId).not.toBe(secondId);
    expect(local.dockerId).toBe((await t.docker.info()).ID);
    // No secret travels in a status: the SSH key is named by its path, as the card shows it.
    expect(JSON.stringify(registry.statuses())).not.toMatch(/PRIVATE KEY|client-key/);
    expect(viaSsh.ssh).toMatchObject({ identity: second.ssh.keyFile, needs: null });
  });

  it.each(['tls', 'ssh'])(
    'lists, launches and stops over %s, with the right ip',
    async (engineId) => {
      const manager = registry.manager(engineId);
      const from = watch.changes.length;
      const { container } = await manager.startContainer({
        user: `u-${engineId}`,
        image: IMAGES.webapp,
        mappingId: `m-${engineId}`,
      });
      expect(container.ip).toBe(engineId === 'tls' ? '127.0.0.1' : 'localhost');
      // The container really is on the second daemon, and serves on the published port.
      const raw = await second.docker.getContainer(container.id).inspect();
      expect(raw.State.Running).toBe(true);
      const response = await fetch(`http://127.0.0.1:${container.port}${container.urlpath}/`);
      expect(await response.text()).toContain(`JPY_USER=u-${engineId}`);
      await watch.change(
        'its added change',
        (c) => c.engineId === engineId && c.kind === 'added' && c.container.id === container.id,
        { from },
      );
      const listings = await registry.listAll();
      const mine = listings.find((l) => l.engineId === engineId)!;
      expect(mine.error).toBeUndefined();
      expect(mine.containers.map((c) => c.id)).toContain(container.id);
      // Containers are keyed by engine: the local engine does not list it.
      expect(
        listings.find((l) => l.engineId === 'local')!.containers.map((c) => c.id),
      ).not.toContain(container.id);
      await manager.stopAndRemoveContainer(container.id);
      await watch.change(
        'its removed change',
        (c) => c.engineId === engineId && c.kind === 'removed' && c.id === container.id,
        { from },
      );
      await expect(second.docker.getContainer(container.id).inspect()).rejects.toMatchObject({
        statusCode: 404,
      });
    },
  );

  it('launches on the engine with the fewest realm containers for "any"', async () => {
    const busy = await registry
      .manager('local')
      .startContainer({ user: 'busy', image: IMAGES.webapp, mappingId: 'busy' });
    await watch.change(
      'the busy container',
      (c) => c.kind === 'added' && c.container.id === busy.container.id,
    );
    // tls and ssh see the same (empty) realm; ties go to the first registered.
    expect(registry.planEngines('any', [{ user: 'idle', mappingId: 'idle' }])).toEqual([
      { engine: 'tls', alsoOn: [] },
    ]);
    await registry.manager('local').stopAndRemoveContainer(busy.container.id);
  });

  it('accepts a pinned host key fingerprint instead of known_hosts', async () => {
    registry.add({
      ...ssh(),
      id: 'ssh-pinned',
      knownHostsFile: '/nonexistent',
      fingerprint: second.ssh.fingerprint,
      ip: '127.0.0.1',
    } as EngineProfile);
    const status = await watch.state('ssh-pinned', 'connected');
    expect(status.ip).toBe('127.0.0.1');
    await registry.remove('ssh-pinned');
  });
});

describe('docker CLI contexts of every kind', () => {
  it('connects through a socket, a tcp+TLS and an ssh context to the right daemons', async () => {
    const configDir = `${second.dir}/docker-config`;
    writeDockerContext(configDir, 'ctx-sock', { Host: second.host });
    writeDockerContext(
      configDir,
      'ctx-tls',
      { Host: `tcp://127.0.0.1:${second.tlsPort}` },
      {
        ca: second.certs.ca,
        cert: second.certs.clientCert,
        key: second.certs.clientKey,
      },
    );
    writeDockerContext(configDir, 'ctx-ssh', {
      Host: `ssh://${second.ssh.user}@127.0.0.1:${second.ssh.port}`,
    });
    const ssh = { keyFile: second.ssh.keyFile, knownHostsFile: second.ssh.knownHosts };
    for (const context of ['ctx-sock', 'ctx-tls', 'ctx-ssh'])
      registry.add({ kind: 'context', context, configDir, ...(context === 'ctx-ssh' && { ssh }) });
    const secondId = (await second.docker.info()).ID;
    for (const [id, endpoint] of [
      ['context-ctx-sock', second.host],
      ['context-ctx-tls', `tcp+tls://127.0.0.1:${second.tlsPort}`],
      ['context-ctx-ssh', `ssh://${second.ssh.user}@127.0.0.1:${second.ssh.port}`],
    ]) {
      const status = await watch.state(id!, 'connected');
      expect(status).toMatchObject({ endpoint, dockerId: secondId, ip: '127.0.0.1' });
      await registry.remove(id!);
    }
  });
});

describe('engines that cannot be reached', () => {
  async function expectUnreachable(profile: EngineProfile, cause: RegExp) {
    const id = profile.id!;
    registry.add(profile);
    const status = await watch.state(id, 'unreachable', 15_000);
    expect(status.lastError).toMatch(cause);
    const listings = await registry.listAll();
    const dead = listings.find((l) => l.engineId === id)!;
    expect(dead.error).toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { engineId: id } });
    expect(dead.error!.message).toContain(`"${profile.name}"`);
    expect(dead.error!.message).toMatch(cause);
    // The others keep working.
    for (const other of ['local', 'tls', 'ssh']) {
      expect(listings.find((l) => l.engineId === other)!.error).toBeUndefined();
      expect(registry.statuses().find((s) => s.id === other)!.state).toBe('connected');
    }
    let error: unknown;
    try {
      registry.reserveEngines(id, [{ user: 'u', mappingId: 'm' }]);
    } catch (e) {
      error = e;
    }
    expect(isCoreError(error, 'ENGINE_UNREACHABLE')).toBe(true);
    await registry.remove(id);
  }

  it('a wrong CA', () =>
    expectUnreachable(
      {
        ...tls(),
        id: 'wrong-ca',
        name: 'Wrong CA',
        tls: {
          ca: second.certs.otherCa,
          cert: second.certs.clientCert,
          key: second.certs.clientKey,
        },
      } as EngineProfile,
      /certificate/i,
    ));

  it('a missing client certificate', () =>
    expectUnreachable(
      {
        ...tls(),
        id: 'no-client-cert',
        name: 'No client cert',
        tls: { ca: second.certs.ca },
      } as EngineProfile,
      /certificate|socket hang up|ECONNRESET/i,
    ));

  it('a server name the certificate does not carry', () =>
    expectUnreachable(
      {
        ...tls(),
        id: 'wrong-name',
        name: 'Wrong name',
        tls: {
          ca: second.certs.ca,
          cert: second.certs.clientCert,
          key: second.certs.clientKey,
          serverName: 'elsewhere.example',
        },
      } as EngineProfile,
      /elsewhere\.example/,
    ));

  it('an unknown SSH host key', () => {
    const empty = `${second.dir}/empty_known_hosts`;
    writeFileSync(empty, '');
    return expectUnreachable(
      {
        ...ssh(),
        id: 'unknown-host',
        name: 'Unknown host',
        knownHostsFile: empty,
      } as EngineProfile,
      /is not in .*empty_known_hosts/,
    );
  });

  it('an SSH host key that differs from the pinned one', () =>
    expectUnreachable(
      {
        ...ssh(),
        id: 'bad-pin',
        name: 'Bad pin',
        fingerprint: `SHA256:${'A'.repeat(43)}`,
      } as EngineProfile,
      /does not match the pinned fingerprint/,
    ));

  it('an SSH server without the docker CLI', () =>
    expectUnreachable(
      {
        ...ssh(),
        id: 'no-cli',
        name: 'No CLI',
        remoteDocker: '/nonexistent/docker',
      } as EngineProfile,
      /exited with status 127: .*\/nonexistent\/docker/,
    ));

  it('a refused port', async () => {
    const port = await freePort();
    await expectUnreachable(
      { kind: 'tcp', id: 'refused', name: 'Refused', host: '127.0.0.1', port },
      /ECONNREFUSED/,
    );
  });

  it('an unreachable engine names itself in the manager errors too', async () => {
    const port = await freePort();
    registry.add({ kind: 'tcp', id: 'gone', name: 'Gone', host: '127.0.0.1', port });
    const error = await registry
      .manager('gone')
      .listContainers()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { engineId: 'gone' } });
    expect((error as Error).message).toMatch(
      /^Engine "Gone" \(tcp:\/\/127\.0\.0\.1:\d+\) is unreachable: .*ECONNREFUSED/,
    );
    await registry.remove('gone');
  });
});

describe('an engine that accepts connections and never answers', () => {
  it('turns unreachable after the request timeout, and listing the others goes on', async () => {
    const held = new Set<Socket>();
    const silent = createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const patient = new EngineRegistry({ realm: t.realm, timing: { requestTimeoutMs: 1_500 } });
    const seen = watchRegistry(patient);
    try {
      patient.add({ kind: 'env', id: 'local', env: { DOCKER_HOST: inject('dockerHost') } });
      patient.add({ kind: 'tcp', id: 'silent', name: 'Silent', host: '127.0.0.1', port });
      await seen.state('local', 'connected');
      // Asked while the silent engine is still connecting: its list times out, the other answers.
      const listings = await patient.listAll();
      expect(listings.find((l) => l.engineId === 'local')!.error).toBeUndefined();
      const stuck = listings.find((l) => l.engineId === 'silent')!;
      expect(stuck.error).toMatchObject({
        code: 'ENGINE_UNREACHABLE',
        details: { engineId: 'silent' },
      });
      expect(stuck.error!.message).toMatch(/^Engine "Silent" .*no answer to .* within 1500 ms/);
      const status = await seen.state('silent', 'unreachable', 10_000);
      expect(status.lastError).toMatch(/no answer to _ping within 1500 ms/);
    } finally {
      seen.stop();
      await patient.close();
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });
});
