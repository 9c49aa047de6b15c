import { describe, expect, it } from 'vitest';
import {
  checkProfile,
  EMPTY_PROFILE,
  profileOf,
} from '../../../../renderer/views/engines/profile-form';

describe('the engine profile form', () => {
  it('sends only the fields of the chosen kind, files by path', () => {
    const form = {
      ...EMPTY_PROFILE,
      name: 'Build',
      host: 'build-1',
      ca: '/certs/ca.pem',
      cert: '/certs/cert.pem',
      key: '/certs/key.pem',
      user: 'left over from SSH',
    };
    expect(profileOf(form)).toEqual({
      kind: 'tcp',
      name: 'Build',
      host: 'build-1',
      port: 2376,
      tls: { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' },
    });
    expect(profileOf({ ...form, tls: false })).not.toHaveProperty('tls');
  });

  it('checks the SSH host key one way: a pinned fingerprint leaves known_hosts out', () => {
    const ssh = {
      ...EMPTY_PROFILE,
      kind: 'ssh' as const,
      host: 'gpu-1',
      port: '',
      user: 'ops',
      knownHostsFile: '/home/ops/.ssh/known_hosts',
    };
    expect(profileOf(ssh)).toEqual({
      kind: 'ssh',
      host: 'gpu-1',
      user: 'ops',
      knownHostsFile: '/home/ops/.ssh/known_hosts',
    });
    const fp = `SHA256:${'A'.repeat(43)}`;
    expect(profileOf({ ...ssh, trust: 'fingerprint', fingerprint: fp })).toEqual({
      kind: 'ssh',
      host: 'gpu-1',
      user: 'ops',
      fingerprint: fp,
    });
  });

  it("names the field at fault with the contract's reason", () => {
    expect(checkProfile({ ...EMPTY_PROFILE, host: 'h', port: '23x', ca: '/ca' })).toEqual({
      port: 'must be a number',
    });
    expect(checkProfile({ ...EMPTY_PROFILE, host: 'h', ca: '' })).toEqual({
      'tls.ca': 'must not be empty',
    });
    expect(checkProfile({ ...EMPTY_PROFILE, kind: 'ssh', host: '', port: '22' })).toEqual({
      host: 'must not be empty',
    });
    // User and port left empty come from ~/.ssh/config, as ssh finds them.
    const alias = { ...EMPTY_PROFILE, kind: 'ssh' as const, host: 'build', port: '' };
    expect(checkProfile(alias)).toEqual({});
    expect(profileOf(alias)).toEqual({ kind: 'ssh', host: 'build' });
    expect(checkProfile({ ...EMPTY_PROFILE, kind: 'socket' })).toEqual({});
  });

  it("sends a remote engine's publish address when given, and refuses one that is not an IP", () => {
    const tcp = { ...EMPTY_PROFILE, host: 'build-1', ca: '/ca', publishIp: ' 10.0.0.5 ' };
    expect(profileOf(tcp)).toMatchObject({ kind: 'tcp', publishIp: '10.0.0.5' });
    expect(profileOf({ ...tcp, publishIp: '' })).not.toHaveProperty('publishIp');
    expect(checkProfile({ ...tcp, publishIp: 'build-1' })).toEqual({
      publishIp: 'must be an IP address (such as 127.0.0.1 or ::1)',
    });
  });
});
