import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CALL, IPC_EVENT, type Reply } from '../../../src-core/api/wire';
import { APP_PAGE_URL as PAGE } from '../../../electron/main/app-protocol';
import { bindIpc } from '../../../electron/main/ipc-transport';
import { IMAGES } from '../../support/fixture-images';
import { startTestCore } from '../../support/test-core';
import {
  StandInIpcMain,
  StandInWebContents,
  type StandInSender,
} from '../support/electron-stand-in';

let env: Awaited<ReturnType<typeof startTestCore>>;
const ipcMain = new StandInIpcMain();
const contents = new StandInWebContents(3);
let unbind: () => void;

const appFrame: StandInSender = { contentsId: 3, frame: { url: PAGE, parent: null } };

beforeAll(async () => {
  env = await startTestCore('ipc');
  unbind = bindIpc(ipcMain as never, env.core.host, contents as never, PAGE);
});

afterAll(async () => {
  unbind?.();
  await env?.close();
});

const call = (from: StandInSender, name: string, request: unknown) =>
  ipcMain.invokeFrom(from, IPC_CALL, name, request) as Promise<Reply>;

describe('the IPC transport (main side, driven through the Electron stand-in) with the real host', () => {
  it('answers the app window top frame, against the real engine', async () => {
    const reply = await call(appFrame, 'engines.list', {});
    expect(reply).toMatchObject({
      ok: true,
      result: { engines: [{ id: 'local', state: 'connected' }] },
    });
  });

  it('sends the host events to the window, in order', async () => {
    const reply = await call(appFrame, 'containers.launch', { user: 'ipc', image: IMAGES.webapp });
    expect(reply.ok).toBe(true);
    const id = (reply as { result: { container: { id: string } } }).result.container.id;
    await call(appFrame, 'containers.stop', {
      targets: [{ engine: 'local', id }],
      operationId: 'ipc-op',
    });
    const deadline = Date.now() + 10_000;
    const mine = () =>
      contents.sent.filter(
        ([channel, name, payload]) =>
          channel === IPC_EVENT &&
          name === 'containers.changed' &&
          JSON.stringify(payload).includes(id),
      );
    while (
      !mine().some(([, , p]) => (p as { kind: string }).kind === 'removed') &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 25));
    const kinds = mine().map(([, , p]) => (p as { kind: string }).kind);
    expect(kinds[0]).toBe('added');
    expect(kinds.at(-1)).toBe('removed');
    expect(contents.sent).toContainEqual([
      IPC_EVENT,
      'operations.progress',
      { operationId: 'ipc-op', kind: 'stop', done: 1, total: 1, item: { engine: 'local', id } },
    ]);
  });

  it('drops a message from another frame, another window or another page: UNAUTHORIZED, nothing reaches Docker', async () => {
    const before = env.counter.calls().length;
    const strangers: StandInSender[] = [
      { contentsId: 3, frame: { url: PAGE, parent: appFrame.frame } },
      { contentsId: 3, frame: { url: 'https://evil.example/', parent: appFrame.frame } },
      { contentsId: 4, frame: { url: PAGE, parent: null } },
      { contentsId: 3, frame: { url: 'https://evil.example/', parent: null } },
      { contentsId: 3, frame: null },
    ];
    for (const sender of strangers) {
      const reply = await call(sender, 'containers.launch', {
        user: 'mallory',
        image: IMAGES.webapp,
      });
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect(await call(sender, 'containers.list', {})).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHORIZED' },
      });
    }
    expect(env.counter.calls().slice(before)).toEqual([]);
  });

  it('validates what the window sends like any transport', async () => {
    const reply = await call(appFrame, 'containers.launch', {
      user: 'x',
      image: IMAGES.webapp,
      privileged: true,
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'privileged' } },
    });
  });

  it('stops sending once unbound', async () => {
    unbind();
    expect(ipcMain.handlers.has(IPC_CALL)).toBe(false);
    const count = contents.sent.length;
    // A container appears behind the app's back: the registry sees it, the window is not told.
    const seen = new Promise<void>((resolve) => {
      const off = env.core.engines.onContainer((change) => {
        if (change.kind === 'added') {
          off();
          resolve();
        }
      });
    });
    await env.manager().startContainer({ user: 'late', image: IMAGES.webapp, mappingId: 'late' });
    await seen;
    expect(contents.sent.length).toBe(count);
  });
});
