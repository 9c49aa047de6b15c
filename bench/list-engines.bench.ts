import { EngineRegistry } from '../src-core/engines/engine-registry';
import { startSecondEngine } from '../test/support/second-engine';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { fillRealm, realmListPath } from './support/realm-requests';
import { result } from './support/results';
import { median, timed } from './support/stats';

const PER_ENGINE = 1_000;

/** listAll over two engines holding 1,000 realm containers each, against the slower single raw list. */
export async function benchListEngines() {
  const engine = await benchEngine('engines');
  const second = await startSecondEngine('bench');
  const registry = new EngineRegistry({ realm: engine.realm });
  try {
    const rawLocal = rawDocker(engine.socketPath);
    const rawSecond = rawDocker(second.socketPath);
    await Promise.all([
      fillRealm(
        (body) => rawLocal('POST', '/containers/create', body),
        engine.realm,
        PER_ENGINE,
        25,
      ),
      fillRealm(
        (body) => rawSecond('POST', '/containers/create', body),
        engine.realm,
        PER_ENGINE,
        25,
      ),
    ]);
    registry.add({ kind: 'socket', id: 'local', path: engine.socketPath });
    registry.add({ kind: 'socket', id: 'second', path: second.socketPath });
    const path = realmListPath(engine.realm);
    const listAll = async () => {
      const listings = await registry.listAll();
      for (const l of listings)
        if (l.error || l.containers.length !== PER_ENGINE)
          throw new Error(
            `engine ${l.engineId}: ${l.error?.message ?? `${l.containers.length} containers`}`,
          );
    };
    for (let i = 0; i < 5; i++)
      await Promise.all([listAll(), rawLocal('GET', path), rawSecond('GET', path)]);
    const ours: number[] = [];
    const both: number[] = [];
    const local: number[] = [];
    const other: number[] = [];
    for (let i = 0; i < 30; i++) {
      ours.push(await timed(listAll));
      both.push(await timed(() => Promise.all([rawLocal('GET', path), rawSecond('GET', path)])));
      local.push(await timed(() => rawLocal('GET', path)));
      other.push(await timed(() => rawSecond('GET', path)));
    }
    const slower = Math.max(median(local), median(other));
    return {
      // Both daemons share this machine's two cores: at once, each lists more slowly than alone.
      'list-engines-2x1000': result(median(ours), slower, 'ms', 2, {
        note: "median of 30 listAll over two engines; floor: the slower engine's single raw list (2x = one after the other)",
      }),
      'list-engines-2x1000-vs-raw-parallel': result(median(ours), median(both), 'ms', 1.3, {
        note: 'the same listAll; floor: both raw lists sent at once',
      }),
    };
  } finally {
    await registry.close();
    await engine.cleanup();
    await second.close();
  }
}
