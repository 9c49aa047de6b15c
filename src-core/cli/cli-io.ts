import type { ContractClient } from '../api/client';
import type { Host } from '../host/host';
import type { CliArgs } from './cli-args';

/** Where a command writes, and how a long-running one (serve) learns to stop. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether `out` is a terminal, which a live view redraws in place. */
  terminal?: boolean;
  /** Resolves when the operator asks the process to stop (Ctrl-C, SIGTERM). */
  untilStopped(): Promise<void>;
  /** Reads a secret on the terminal without echo; absent when there is no terminal. */
  askSecret?(prompt: string): Promise<string | null>;
}

export interface CommandContext {
  args: CliArgs;
  client: ContractClient;
  /** The in-process host itself, for serve mode to put behind its WebSocket. */
  host: Host;
  io: CliIo;
  realm: string;
}

/** A command's exit code: 0 done, 1 the operation failed (2, a wrong command line, is thrown). */
export type Command = (context: CommandContext) => Promise<number>;
