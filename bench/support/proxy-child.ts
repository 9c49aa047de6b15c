import { createInterface } from 'node:readline';
import { EmbeddedProxy } from '../../src-core/proxy/embedded-proxy';

/**
 * The embedded proxy in a process of its own, as it runs in the app's main
 * process, so that the load generator does not share its event loop. Routes
 * `argv[2]` to `argv[3]` and prints its origin; then each line `tracked` or
 * `untracked` on its input turns its activity recording on or off (to
 * measure what it costs), answered with the same word.
 */
const [prefix, target] = process.argv.slice(2);
const proxy = new EmbeddedProxy({ host: '127.0.0.1', port: 0 });
const origin = await proxy.listen();
await proxy.add(
  { prefix: prefix!, target: target!, engineId: 'bench', containerId: 'bench' },
  'bench',
);
process.stdout.write(`${origin}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  proxy.trackActivity = line === 'tracked';
  process.stdout.write(`${line}\n`);
});
process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
