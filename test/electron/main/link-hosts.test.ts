import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ContractClient } from '../../../src-core/api/client';
import { proxySettings } from '../../../src-core/api/proxy';
import { inProcessTransport } from '../../../src-core/host/in-process-transport';
import { APP_PAGE_URL } from '../../../electron/main/app-protocol';
import { guardContents } from '../../../electron/main/contents-guards';
import { linkHosts } from '../../../electron/main/link-hosts';
import { IMAGES } from '../../support/fixture-images';
import { freePort } from '../../support/free-port';
import { startTestCore } from '../../support/test-core';
import { startChp } from '../../proxy/support/chp-process';
import { StandInWebContents } from '../support/electron-stand-in';

/**
 * "Open" in the desktop app: the renderer's window.open reaches the window
 * open handler (driven here through the Electron stand-in), which hands the
 * URL to the system browser only for the hosts of the real core: its
 * engines, and its proxy, embedded or CHP.
 */
let env: Awaited<ReturnType<typeof startTestCore>>;
let chp: Awaited<ReturnType<typeof startChp>>;
let client: ContractClient;
const contents = new StandInWebContents(1);
const opened: string[] = [];
const open = (url: string) => contents.windowOpenHandler!({ url });

beforeAll(async () => {
  [env, chp] = await Promise.all([
    startTestCore('links', {
      proxy: { settings: proxySettings.parse({ port: await freePort() }) },
    }),
    startChp(),
  ]);
  client = createClient(
    inProcessTransport(env.core.host, { transport: 'in-process', label: 'link test' }),
  );
  guardContents(contents as never, {
    pageUrl: APP_PAGE_URL,
    allowedHosts: () => linkHosts(env.core),
    openExternal: (url) => opened.push(url),
  });
});

afterAll(async () => {
  client?.close();
  await env?.close();
  await chp?.stop();
});

describe('Open goes to the system browser for the proxy of the running core', () => {
  let id: string;

  it('the embedded proxy: a launched container URL opens externally, never in a window', async () => {
    const { container } = await client.call('containers.launch', {
      engine: 'local',
      user: 'ann',
      image: IMAGES.webapp,
    });
    id = container.id;
    expect(container.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/user\/ann\/containers\//);
    expect(open(container.url!)).toEqual({ action: 'deny' });
    expect(opened).toEqual([container.url]);
  });

  it('CHP: its public host is allowed once CHP is the proxy, and not before', async () => {
    const publicUrl = chp.publicUrl.replace('127.0.0.1', 'localhost');
    const before = `${publicUrl}/user/ann/`;
    open(before);
    expect(opened).not.toContain(before);

    await client.call('proxy.configure', {
      settings: {
        backend: 'chp',
        chp: { apiUrl: chp.apiUrl, publicUrl, token: chp.token },
      },
    });
    const { url } = await client.call('containers.url', { engine: 'local', id });
    expect(url).toMatch(new RegExp(`^${publicUrl}/user/ann/containers/`));
    expect(open(url!)).toEqual({ action: 'deny' });
    expect(opened.at(-1)).toBe(url);
    // The app behind that URL is the user's container.
    expect(await (await fetch(url!)).text()).toContain('JPY_USER=ann');
  });

  it('still refuses other hosts, other schemes and credentials', () => {
    const count = opened.length;
    for (const url of [
      'https://evil.example/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      `http://user:pw@localhost:${new URL(chp.publicUrl).port}/`,
    ])
      expect(open(url), url).toEqual({ action: 'deny' });
    expect(opened).toHaveLength(count);
  });
});
