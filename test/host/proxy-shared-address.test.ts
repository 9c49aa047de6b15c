import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src-core/host/host';
import { startCore } from '../../src-core/host/start-core';
import { writeProxySettings } from '../../src-core/proxy/proxy-settings-file';
import { IMAGES } from '../support/fixture-images';
import { freePort } from '../support/free-port';
import { hostCalls } from '../support/host-calls';
import { startTestCore } from '../support/test-core';
import { embeddedProxySettings } from '../support/embedded-proxy-settings';

const dir = mkdtempSync(join(tmpdir(), 'remoteapp-proxy-shared-'));
const settingsPath = join(dir, 'proxy.json');
let app: Awaited<ReturnType<typeof startTestCore>>;
let session: Session;

beforeAll(async () => {
  writeProxySettings(settingsPath, embeddedProxySettings(await freePort()));
  // The desktop app or serve mode: runs the proxy from the shared settings file.
  app = await startTestCore('proxy-shared', { proxy: { settingsPath } });
  session = app.core.host.open({ transport: 'in-process', label: 'app' }, () => undefined);
});
afterAll(async () => {
  session?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const { call } = hostCalls(() => session);

describe('one proxy address for every front end', () => {
  it("gives a short command, which runs no proxy, the URL that the app's proxy answers", async () => {
    const { container } = await call('containers.launch', {
      engine: 'local',
      user: 'ann',
      image: IMAGES.webapp,
    });
    // A command line in the same realm: URLs from the same file, no proxy of its own.
    const cli = await startCore({
      realm: app.realm,
      profiles: [{ kind: 'tcp', host: '127.0.0.1', port: app.counter.port, id: 'local' }],
      proxy: { settingsPath, mode: 'urls' },
    });
    const cliSession = cli.host.open({ transport: 'in-process', label: 'cli' }, () => undefined);
    try {
      expect(cli.proxy).toBeUndefined();
      const listed = await hostCalls(() => cliSession).call('containers.list', {});
      const url = listed.engines[0]!.containers.find((c) => c.id === container.id)!.url;
      expect(url).toBe(container.url);
      expect(await (await fetch(url!)).text()).toContain('JPY_USER=ann');
    } finally {
      cliSession.close();
      await cli.close();
    }
  });
});
