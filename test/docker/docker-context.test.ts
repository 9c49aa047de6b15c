import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contextProfile, listDockerContexts } from '../../src-core/docker/docker-context';
import { envProfile } from '../../src-core/docker/docker-env';
import { resolveEndpoint } from '../../src-core/docker/engine-endpoint';
import { writeDockerContext } from '../support/docker-contexts';
import { makeTlsCerts } from '../support/tls-certs';

const dir = mkdtempSync(join(tmpdir(), 'remoteapp-contexts-'));
const configDir = join(dir, 'docker');
const certs = makeTlsCerts(join(dir, 'certs'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeDockerContext(configDir, 'sock', { Host: 'unix:///run/other/docker.sock' });
writeDockerContext(
  configDir,
  'build-tls',
  { Host: 'tcp://build-1.example:2376' },
  {
    ca: certs.ca,
    cert: certs.clientCert,
    key: certs.clientKey,
  },
);
writeDockerContext(configDir, 'ops-ssh', { Host: 'ssh://ops@gpu-2.example:2222' });
writeDockerContext(configDir, 'careless', { Host: 'tcp://x.example:2376', SkipTLSVerify: true });

describe('docker CLI contexts', () => {
  it('lists every context with its endpoint', () => {
    expect(listDockerContexts(configDir).map((c) => [c.name, c.host])).toEqual([
      ['build-tls', 'tcp://build-1.example:2376'],
      ['careless', 'tcp://x.example:2376'],
      ['ops-ssh', 'ssh://ops@gpu-2.example:2222'],
      ['sock', 'unix:///run/other/docker.sock'],
    ]);
  });

  it('reads a socket context', () => {
    expect(contextProfile({ kind: 'context', context: 'sock', configDir })).toEqual({
      kind: 'socket',
      path: '/run/other/docker.sock',
    });
  });

  it('reads a tcp context with its TLS material', () => {
    const profile = contextProfile({ kind: 'context', context: 'build-tls', configDir });
    expect(profile).toMatchObject({ kind: 'tcp', host: 'build-1.example', port: 2376 });
    const tls = profile.kind === 'tcp' ? profile.tls! : undefined;
    expect(readFileSync(tls!.ca, 'utf8')).toBe(readFileSync(certs.ca, 'utf8'));
    expect(readFileSync(tls!.cert!, 'utf8')).toBe(readFileSync(certs.clientCert, 'utf8'));
    expect(tls!.key).toMatch(/contexts\/tls\/[0-9a-f]{64}\/docker\/key\.pem$/);
    const endpoint = resolveEndpoint({ kind: 'context', context: 'build-tls', configDir });
    expect(endpoint).toMatchObject({
      endpoint: 'tcp+tls://build-1.example:2376',
      ip: 'build-1.example',
    });
  });

  it('reads an ssh context, with the credentials given beside it', () => {
    const profile = contextProfile({
      kind: 'context',
      context: 'ops-ssh',
      configDir,
      ssh: { keyFile: '/keys/ops', knownHostsFile: '/keys/known_hosts' },
    });
    expect(profile).toEqual({
      kind: 'ssh',
      host: 'gpu-2.example',
      port: 2222,
      user: 'ops',
      keyFile: '/keys/ops',
      knownHostsFile: '/keys/known_hosts',
    });
  });

  it('refuses an unknown context and one that skips TLS verification, naming the field', () => {
    expect(() => contextProfile({ kind: 'context', context: 'nope', configDir })).toThrow(
      /^context: no Docker context "nope"/,
    );
    expect(() => contextProfile({ kind: 'context', context: 'careless', configDir })).toThrow(
      /skips TLS verification/,
    );
  });

  it('says which context file is broken, and how', () => {
    const broken = join(dir, 'docker-broken');
    writeDockerContext(broken, 'torn', { Host: 'tcp://x.example:2376' });
    const meta = join(
      broken,
      'contexts',
      'meta',
      createHash('sha256').update('torn').digest('hex'),
    );
    writeFileSync(join(meta, 'meta.json'), '{"Name": "torn", ');
    expect(() => contextProfile({ kind: 'context', context: 'torn', configDir: broken })).toThrow(
      /^context: ".*meta\.json" is not valid JSON$/,
    );
    rmSync(join(meta, 'meta.json'));
    mkdirSync(join(meta, 'meta.json'));
    expect(() => listDockerContexts(broken)).toThrow(
      /^context: cannot read ".*meta\.json": is a folder, not a file$/,
    );
  });
});

describe('DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH and DOCKER_CONTEXT', () => {
  const certPath = join(dir, 'certs-env');
  makeTlsCerts(certPath);
  // The CLI's file names in DOCKER_CERT_PATH.
  writeFileSync(join(certPath, 'cert.pem'), readFileSync(join(certPath, 'client.pem')));
  writeFileSync(join(certPath, 'key.pem'), readFileSync(join(certPath, 'client-key.pem')));

  it('defaults to the local socket', () => {
    expect(envProfile({ kind: 'env', env: {}, configDir: join(dir, 'none') })).toEqual({
      kind: 'socket',
    });
  });

  it('reads unix, npipe, tcp (with and without a scheme) and ssh addresses', () => {
    const read = (DOCKER_HOST: string) => envProfile({ kind: 'env', env: { DOCKER_HOST } });
    expect(read('unix:///run/user/1000/docker.sock')).toEqual({
      kind: 'socket',
      path: '/run/user/1000/docker.sock',
    });
    expect(read('npipe:////./pipe/docker_engine')).toEqual({
      kind: 'socket',
      path: '//./pipe/docker_engine',
    });
    expect(read('tcp://10.0.0.5:2375')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2375 });
    expect(read('10.0.0.5')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2375 });
    expect(
      envProfile({
        kind: 'env',
        env: { DOCKER_HOST: 'ssh://me@h.example', SSH_AUTH_SOCK: '/tmp/agent.sock' },
      }),
    ).toEqual({
      kind: 'ssh',
      host: 'h.example',
      user: 'me',
      agent: '/tmp/agent.sock',
    });
  });

  it('uses TLS with the files of DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
    const profile = envProfile({
      kind: 'env',
      env: { DOCKER_HOST: 'tcp://127.0.0.1', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certPath },
    });
    expect(profile).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 2376,
      tls: {
        ca: join(certPath, 'ca.pem'),
        cert: join(certPath, 'cert.pem'),
        key: join(certPath, 'key.pem'),
      },
    });
    expect(() =>
      envProfile({ kind: 'env', env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1' } }),
    ).toThrow(/^DOCKER_TLS: TLS without verification is not supported/);
  });

  it('falls back to DOCKER_CONTEXT, then to the current context of config.json', () => {
    expect(
      envProfile({ kind: 'env', env: { DOCKER_CONTEXT: 'ops-ssh' }, configDir }),
    ).toMatchObject({
      kind: 'context',
      context: 'ops-ssh',
    });
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'sock' }));
    const endpoint = resolveEndpoint({ kind: 'env', env: { DOCKER_CONFIG: configDir } });
    expect(endpoint).toMatchObject({ endpoint: 'unix:///run/other/docker.sock', ip: '127.0.0.1' });
  });
});
