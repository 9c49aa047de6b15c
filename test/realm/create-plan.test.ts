import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { planContainer } from '../../src-core/realm/create-plan';
import { RUNINFO } from '../../src-core/realm/labels';
import { validateStartRequest, type StartRequest } from '../../src-core/realm/start-request';

/**
 * The Docker-backed tests (container-manager.*.test.ts) check what a start
 * leaves on a real engine; these check the plan itself, which a preview
 * shows as it is, against what the seed created and the escapism vectors.
 */
const seed = JSON.parse(
  readFileSync(new URL('../fixtures/seed-containers.json', import.meta.url), 'utf8'),
) as { docker_inspect: Docker.ContainerInspectInfo[] };

const escapism = JSON.parse(
  readFileSync(new URL('../fixtures/escapism.json', import.meta.url), 'utf8'),
) as { vectors: Array<{ input: string; escaped: string }> };

const random = { nameSuffix: 'abcdefghij', urlId: 'f00d' };

function plan(request: StartRequest, realm = 'remoteexec', parts = random) {
  return planContainer(realm, validateStartRequest(request), parts, { publishIp: '127.0.0.1' });
}

/** Whether a value passes the start request's check in that field. */
function valid(field: 'user' | 'mappingId', value: string): boolean {
  try {
    validateStartRequest({ user: 'u', image: 'app', mappingId: 'm', [field]: value });
    return true;
  } catch {
    return false;
  }
}

describe('the create plan of a container the seed made', () => {
  // The seed's own run: the same user, mapping id and (its image-name) url id give the same container.
  it.each(seed.docker_inspect.map((info) => [info.Name, info]))(
    'has the seed labels, name, environment and port of %s',
    (_name, info) => {
      const labels = info.Config.Labels;
      const user = labels[RUNINFO.user]!;
      const env = info.Config.Env.filter((e) => !e.startsWith('PATH='));
      const extra = Object.fromEntries(
        env
          .map((e) => e.split('=') as [string, string])
          .filter(([key]) => !['JPY_USER', 'JPY_BASE_USER_URL', 'USER', 'URL_ID'].includes(key)),
      );
      const p = plan(
        {
          user,
          image: info.Config.Image,
          mappingId: labels[RUNINFO.mappingId]!,
          environment: extra,
        },
        labels[RUNINFO.realm]!,
        { urlId: labels[RUNINFO.urlId]!, nameSuffix: info.Name.slice(-10) },
      );
      const runinfo = Object.fromEntries(
        Object.entries(labels).filter(([key]) => key.includes('.runinfo.')),
      );
      expect(p.create.Labels).toEqual(runinfo);
      expect(p.labels).toEqual(runinfo);
      expect(`/${p.create.name}`).toBe(info.Name);
      expect(p.create.Image).toBe(info.Config.Image);
      expect(p.create.Env).toEqual(env);
      expect(p.create.ExposedPorts).toEqual(info.Config.ExposedPorts);
      // The seed published on every interface; here only where the proxy reaches the port.
      expect(info.HostConfig.PortBindings).toEqual({ '8888/tcp': [{ HostIp: '', HostPort: '' }] });
      expect(p.create.HostConfig!.PortBindings).toEqual({
        '8888/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      });
    },
  );

  it('mounts what the seed bound, as a bind mount with its mode', () => {
    const info = seed.docker_inspect.find((i) => i.HostConfig.Binds?.length)!;
    const [source, target, mode] = info.HostConfig.Binds![0]!.split(':') as [string, string, 'rw'];
    const p = plan({
      user: 'ann',
      image: 'app',
      mappingId: 'm',
      volumes: [{ source, target, mode }],
    });
    expect(p.create.HostConfig!.Mounts).toEqual([
      { Type: 'bind', Source: source, Target: target, ReadOnly: false },
    ]);
  });
});

describe('the create plan', () => {
  it('sets JPY_USER, JPY_BASE_USER_URL, USER and URL_ID whatever the caller passes', () => {
    const p = plan({
      user: 'carol@example.org',
      image: 'app',
      mappingId: 'm',
      environment: {
        JPY_USER: 'mallory',
        JPY_BASE_USER_URL: '/user/mallory',
        USER: 'root',
        URL_ID: 'x',
        EXTRA_SETTING: 'on',
      },
    });
    expect(p.environment).toEqual({
      JPY_USER: 'carol@example.org',
      JPY_BASE_USER_URL: '/user/carol@example.org',
      USER: 'carol',
      URL_ID: 'f00d',
      EXTRA_SETTING: 'on',
    });
    // Each variable once: Docker would take the last of two.
    expect([...p.create.Env!].sort()).toEqual(
      [
        'EXTRA_SETTING=on',
        'JPY_BASE_USER_URL=/user/carol@example.org',
        'JPY_USER=carol@example.org',
        'URL_ID=f00d',
        'USER=carol',
      ].sort(),
    );
  });

  it('takes a base url path without its end slash, and names a user without an @ "user"', () => {
    const p = plan({ user: 'dave', image: 'app', mappingId: 'm', baseUrlpath: '/hub/user/dave/' });
    expect(p.urlpath).toBe('/hub/user/dave/containers/f00d');
    expect(p.labels[RUNINFO.urlpath]).toBe('/hub/user/dave/containers/f00d');
    expect(p.environment).toMatchObject({ JPY_BASE_USER_URL: '/hub/user/dave', USER: 'user' });
  });

  it('publishes port 8888 on a port the engine picks, on the publish address only', () => {
    const p = plan({ user: 'ann', image: 'app', mappingId: 'm' });
    expect(p.create.ExposedPorts).toEqual({ '8888/tcp': {} });
    expect(p.create.HostConfig!.PortBindings).toEqual({
      '8888/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
    });
    const remote = planContainer(
      'remoteexec',
      validateStartRequest({ user: 'ann', image: 'app', mappingId: 'm' }),
      random,
      { publishIp: '10.1.2.3' },
    );
    expect(remote.publishIp).toBe('10.1.2.3');
    expect(remote.create.HostConfig!.PortBindings).toEqual({
      '8888/tcp': [{ HostIp: '10.1.2.3', HostPort: '' }],
    });
  });

  it('leaves out the binds whose sources are missing, and says which', () => {
    const spec = validateStartRequest({
      user: 'hank',
      image: 'app',
      mappingId: 'm',
      volumes: [
        { source: '/srv/home', target: '/workspace', mode: 'ro' },
        { source: '/srv/missing', target: '/data', mode: 'rw' },
        { source: '/srv/shared', target: '/shared', mode: 'rw' },
      ],
    });
    const p = planContainer('remoteexec', spec, random, {
      publishIp: '127.0.0.1',
      skipped: [spec.volumes[1]!],
    });
    expect(p.mounted.map((v) => v.target)).toEqual(['/workspace', '/shared']);
    expect(p.skippedVolumes).toEqual([{ source: '/srv/missing', target: '/data', mode: 'rw' }]);
    expect(p.create.HostConfig!.Mounts).toEqual([
      { Type: 'bind', Source: '/srv/home', Target: '/workspace', ReadOnly: true },
      { Type: 'bind', Source: '/srv/shared', Target: '/shared', ReadOnly: false },
    ]);
  });

  it('escapes realm, user and mapping id in the name as the seed does', () => {
    const users = escapism.vectors.filter((v) => valid('user', v.input));
    const mappingIds = escapism.vectors.filter((v) => valid('mappingId', v.input));
    expect(users.length).toBeGreaterThanOrEqual(20);
    for (const [i, user] of users.entries()) {
      const mappingId = mappingIds[i % mappingIds.length]!;
      const p = plan({ user: user.input, image: 'app', mappingId: mappingId.input }, 'my_realm');
      expect(p.namePrefix).toBe(`my_5Frealm-${user.escaped}-${mappingId.escaped}`);
      expect(p.create.name).toBe(`${p.namePrefix}-abcdefghij`);
      // Labels keep the values as given: look-ups use them, never the name.
      expect(p.labels[RUNINFO.user]).toBe(user.input);
      expect(p.labels[RUNINFO.mappingId]).toBe(mappingId.input);
    }
  });
});
