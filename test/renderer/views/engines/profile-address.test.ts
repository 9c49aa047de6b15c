import { describe, expect, it } from 'vitest';
import { profileAddress } from '../../../../renderer/views/engines/profile-address';

describe('the address of a saved engine that is not loaded', () => {
  it('names where each kind of profile points, without reading anything', () => {
    const cases: Array<[Parameters<typeof profileAddress>[0], string]> = [
      [{ kind: 'socket', id: 'a', path: '/run/docker.sock' }, '/run/docker.sock'],
      [{ kind: 'socket', id: 'b' }, 'the default socket'],
      [{ kind: 'env', id: 'env' }, 'DOCKER_HOST or DOCKER_CONTEXT of the app'],
      [{ kind: 'tcp', id: 'c', host: 'build-1', port: 2375 }, 'build-1:2375'],
      [
        { kind: 'tcp', id: 'd', host: 'build-1', port: 2376, tls: { ca: '/gone/ca.pem' } },
        'build-1:2376 (TLS)',
      ],
      [{ kind: 'ssh', id: 'e', host: 'gpu-1', user: 'ops' }, 'ops@gpu-1'],
      [{ kind: 'ssh', id: 'f', host: 'gpu-1', user: 'ops', port: 2222 }, 'ops@gpu-1:2222'],
      [{ kind: 'context', id: 'g', context: 'prod' }, 'context prod'],
    ];
    for (const [profile, address] of cases)
      expect(profileAddress(profile), profile.id).toBe(address);
  });
});
