/**
 * STAND-IN for Electron. Electron's binary cannot be downloaded or run on
 * these machines, so the shell's decisions are driven through these small
 * objects that have the shape of the Electron APIs they replace (ipcMain,
 * WebContents, Session, ipcRenderer, contextBridge) and record what the
 * code under test did with them. Nothing here is Electron; everything the
 * tests assert is the app's own code deciding.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** ipcMain: one handler per channel, invoked as a renderer's `invoke` would be. */
export class StandInIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What Electron does when a frame calls ipcRenderer.invoke(channel, ...args). */
  async invokeFrom(sender: StandInSender, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender: { id: sender.contentsId }, senderFrame: sender.frame }, ...args);
  }
}

/** Who sends an IPC message: a web contents and one of its frames. */
export interface StandInSender {
  contentsId: number;
  frame: { url: string; parent: unknown } | null;
}

/** A window's web contents: records what main sends to the page, and its event handlers. */
export class StandInWebContents extends EventEmitter {
  readonly sent: Array<[string, ...unknown[]]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  constructor(readonly id: number) {
    super();
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Fires a cancellable navigation event as Electron does; true when the handler prevented it. */
  navigate(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

/** A session's permission hooks. */
export class StandInSession {
  requestHandler:
    ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
    null;
  checkHandler: ((contents: unknown, permission: string) => boolean) | null = null;
  setPermissionRequestHandler(handler: StandInSession['requestHandler']): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: StandInSession['checkHandler']): void {
    this.checkHandler = handler;
  }
}

/** ipcRenderer as a preload sees it: invoke to main, and messages from main. */
export class StandInIpcRenderer {
  readonly invoked: unknown[][] = [];
  private readonly listeners = new Map<string, Handler[]>();
  reply: unknown = { ok: true, result: {} };
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return this.reply;
  }
  on(channel: string, listener: Handler): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  /** What Electron does when main calls webContents.send(channel, ...args). */
  receive(channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ senderId: 0 }, ...args);
  }
}
