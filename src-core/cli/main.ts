import { runCli } from './cli';
import { askSecret } from './terminal-secret';

/** The `remoteapp-admin` command. */
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  terminal: process.stdout.isTTY === true,
  untilStopped: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
  ...(process.stdin.isTTY && { askSecret }),
});
process.exitCode = code;
