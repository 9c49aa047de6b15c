import { request } from 'node:http';
import { EngineRegistry, type ContainerChange } from '../src-core/engines/engine-registry';
import { RUNINFO } from '../src-core/realm/labels';
import { IMAGES } from '../test/support/fixture-images';
import { benchEngine } from './support/engine';
import { rawDocker } from './support/raw-docker';
import { result } from './support/results';
import { median, percentile } from './support/stats';

const EVENTS = 50;

/** The floor: a raw events stream on the socket, noting when each container's `die` arrives. */
function rawDieStream(socketPath: string, realm: string, seen: Map<string, number>) {
  const filters = encodeURIComponent(
    JSON.stringify({ type: ['container'], event: ['die'], label: [`${RUNINFO.realm}=${realm}`] }),
  );
  let rest = '';
  const req = request({ socketPath, path: `/events?filters=${filters}` }, (res) =>
    res.on('data', (chunk: Buffer) => {
      const now = performance.now();
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line) seen.set(JSON.parse(line).id, now);
    }),
  );
  req.on('error', () => undefined);
  req.end();
  return () => req.destroy();
}

function waitFor<T>(what: string, find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = find();
      if (value !== undefined) return resolve(value);
      if (Date.now() > deadline) return reject(new Error(`no ${what} within ${timeoutMs} ms`));
      setImmediate(check);
    };
    check();
  });
}

/**
 * From a raw-API kill to the registry's `changed` (exited) for that container,
 * beside the same kill seen on a raw events stream.
 */
export async function benchEngineEvents() {
  const engine = await benchEngine('events');
  const raw = rawDocker(engine.socketPath);
  const registry = new EngineRegistry({ realm: engine.realm });
  const exitedAt = new Map<string, number>();
  registry.onContainer((change: ContainerChange) => {
    if (change.kind === 'changed' && change.container.state === 'exited')
      exitedAt.set(change.container.id, performance.now());
  });
  const diedAt = new Map<string, number>();
  const stopRaw = rawDieStream(engine.socketPath, engine.realm, diedAt);
  try {
    const ids: string[] = [];
    for (let i = 0; i < EVENTS; i += 10)
      ids.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, async (_, k) => {
            const { Id } = await raw<{ Id: string }>('POST', '/containers/create', {
              Image: IMAGES.sleeper,
              Labels: { [RUNINFO.realm]: engine.realm, [RUNINFO.user]: `u${i + k}` },
            });
            await raw('POST', `/containers/${Id}/start`);
            return Id;
          }),
        )),
      );
    registry.add({ kind: 'socket', path: engine.socketPath });
    await waitFor('connected engine', () =>
      registry.statuses()[0]?.state === 'connected' ? true : undefined,
    );
    const ours: number[] = [];
    const floor: number[] = [];
    for (const id of ids) {
      const start = performance.now();
      await raw('POST', `/containers/${id}/kill`);
      const changed = await waitFor(`exited change of ${id}`, () => exitedAt.get(id));
      const died = await waitFor(`raw die of ${id}`, () => diedAt.get(id));
      ours.push(changed - start);
      floor.push(died - start);
    }
    return {
      'events-kill-p95': result(percentile(ours, 95), percentile(floor, 95), 'ms', 250, {
        goalOn: 'value',
        note: `p95 of ${EVENTS} kills to the emitted change; floor: the die on a raw events stream`,
      }),
      'events-kill-p50': result(median(ours), median(floor), 'ms', 250, {
        goalOn: 'value',
        note: `median of ${EVENTS}; floor: the die on a raw events stream`,
      }),
    };
  } finally {
    stopRaw();
    await registry.close();
    await engine.cleanup();
  }
}
