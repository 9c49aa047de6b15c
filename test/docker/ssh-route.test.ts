import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshRoute } from '../../src-core/docker/ssh-route';
import { makeSshHome } from '../support/ssh-home';

/** ~/.ssh/config read as ssh reads it, in a HOME of this file's own. */

const home = makeSshHome('route');
let leave: () => void;
const ssh = (name: string) => join(home.sshDir, name);

beforeAll(() => {
  leave = home.enter();
  home.config(
    [
      'Host build',
      '  HostName 10.0.0.5',
      '  Port 2200',
      '  User ops',
      '  IdentityFile ~/.ssh/build_%r_%p',
      'Host pinned',
      '  HostName 10.0.0.6',
      '  IdentityFile ~/.ssh/pinned',
      '  IdentitiesOnly yes',
      '  UserKnownHostsFile ~/.ssh/lab_hosts',
      '  HashKnownHosts yes',
      'Host inner',
      '  HostName 10.1.0.7',
      '  ProxyJump gw1,ops@gw2:2022',
      'Host gw1',
      '  HostName 192.0.2.1',
      'Host *.lab !secret.lab',
      '  User labber',
      '  IdentityAgent none',
      'Host *',
      '  User fallback',
      '',
    ].join('\n'),
  );
  writeFileSync(ssh('id_ecdsa'), '');
});

afterAll(() => {
  leave();
  home.remove();
});

describe('a destination resolved through ~/.ssh/config', () => {
  it('takes HostName, Port, User and IdentityFile (with its % tokens) of the matching Host', () => {
    process.env.SSH_AUTH_SOCK = '/run/agent.sock';
    expect(sshRoute({ host: 'build' })).toEqual({
      alias: 'build',
      host: '10.0.0.5',
      port: 2200,
      user: 'ops',
      keyFiles: [ssh('build_ops_2200')],
      agent: '/run/agent.sock',
      knownHostsFile: home.knownHosts,
      hashKnownHosts: false,
      jump: null,
    });
    delete process.env.SSH_AUTH_SOCK;
  });

  it("lets the address's user and port, and the profile's key, win over the config, as ssh's command line does", () => {
    expect(
      sshRoute({ host: 'build', user: 'root', port: 22, keyFile: '/keys/mine' }),
    ).toMatchObject({
      host: '10.0.0.5',
      port: 22,
      user: 'root',
      keyFiles: ['/keys/mine', ssh('build_root_22')],
    });
  });

  it('IdentitiesOnly leaves the agent out; UserKnownHostsFile and HashKnownHosts are followed', () => {
    process.env.SSH_AUTH_SOCK = '/run/agent.sock';
    expect(sshRoute({ host: 'pinned' })).toMatchObject({
      keyFiles: [ssh('pinned')],
      agent: null,
      knownHostsFile: ssh('lab_hosts'),
      hashKnownHosts: true,
    });
    delete process.env.SSH_AUTH_SOCK;
  });

  it('without any IdentityFile, offers the default keys that exist, in ssh order', () => {
    expect(sshRoute({ host: 'plain.example' })).toMatchObject({
      alias: null,
      user: 'fallback',
      keyFiles: [ssh('id_ecdsa')],
      agent: null,
    });
  });

  it('matches wildcard and negated Host patterns', () => {
    process.env.SSH_AUTH_SOCK = '/run/agent.sock';
    expect(sshRoute({ host: 'node1.lab' })).toMatchObject({ user: 'labber', agent: null });
    expect(sshRoute({ host: 'secret.lab' })).toMatchObject({
      user: 'fallback',
      agent: '/run/agent.sock',
    });
    delete process.env.SSH_AUTH_SOCK;
  });

  it('ProxyJump a,b: the engine behind b, b behind a, each hop resolved through the config', () => {
    const route = sshRoute({ host: 'inner' });
    expect(route).toMatchObject({ host: '10.1.0.7', user: 'fallback' });
    expect(route.jump).toMatchObject({ alias: null, host: 'gw2', port: 2022, user: 'ops' });
    expect(route.jump!.jump).toMatchObject({
      alias: 'gw1',
      host: '192.0.2.1',
      port: 22,
      jump: null,
    });
  });

  it('runs nothing a config names: Match exec and ProxyCommand are left alone', () => {
    const ran = join(home.home, 'ran');
    home.config(
      `Match exec "touch ${ran}"\n  User matched\nHost cmd\n  ProxyCommand touch ${ran}\n`,
    );
    expect(sshRoute({ host: 'cmd' })).toMatchObject({ host: 'cmd', jump: null });
    expect(existsSync(ran)).toBe(false);
  });

  it('a ProxyJump loop is refused, naming the config', () => {
    home.config('Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n');
    expect(() => sshRoute({ host: 'a' })).toThrow(
      /^ProxyJump: more than 8 jump hosts: a loop in .*config/,
    );
  });
});
