import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CoreError } from '../../src-core/api/errors';
import { IPC_CALL, IPC_EVENT, type Reply } from '../../src-core/api/wire';
import type { Host } from '../../src-core/host/host';
import { isAppSender, type AppPage } from './sender-policy';

/**
 * The contract over Electron IPC for the app window: one host session whose
 * events go to that window, and calls accepted only from its top frame
 * showing the app's page. Anything else gets UNAUTHORIZED and reaches
 * nothing. Returns the function that unbinds it.
 */
export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  host: Host,
  contents: Pick<WebContents, 'id' | 'send' | 'isDestroyed'>,
  pageUrl: string,
): () => void {
  const page: AppPage = { webContentsId: contents.id, pageUrl };
  const session = host.open(
    { transport: 'ipc', label: `window ${contents.id}` },
    (name, payload) => {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT, name, payload);
    },
  );
  ipcMain.handle(
    IPC_CALL,
    (event: IpcMainInvokeEvent, name: unknown, request: unknown): Promise<Reply> | Reply => {
      if (!isAppSender(event, page)) {
        console.warn(`dropped a contract call from ${event.senderFrame?.url ?? 'a gone frame'}`);
        const error = new CoreError('UNAUTHORIZED', 'Only the app window may call the host');
        return { ok: false, error: error.toPayload() };
      }
      return session.invoke(String(name), request);
    },
  );
  return () => {
    ipcMain.removeHandler(IPC_CALL);
    session.close();
  };
}
