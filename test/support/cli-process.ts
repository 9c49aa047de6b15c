import { execFile } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../src-core/cli/bin.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real `remoteapp-admin` command, as a process of its own, with `env` over this process's environment. */
export function runCliProcess(env: NodeJS.ProcessEnv, args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
