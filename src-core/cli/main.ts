import { runCli } from './cli';
import { askSecret } from './terminal-secret';

/** The `remoteapp-admin` command; no top-level await, so that it bundles as CommonJS. */
void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  terminal: process.stdout.isTTY === true,
  untilStopped: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
  ...(process.stdin.isTTY && { askSecret }),
}).then((code) => {
  process.exitCode = code;
});
