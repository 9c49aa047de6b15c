import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../src-core/api/client';
import type { Engines } from '../../../src-core/engines/engine-registry';
import type { SampleBatch } from '../../../src-core/engines/stats-sampler';
import { directUrls } from '../../../src-core/host/container-urls';
import { createHost, type Host } from '../../../src-core/host/host';
import { inProcessTransport } from '../../../src-core/host/in-process-transport';
import { createAppStore } from '../../../renderer/store/app-store';
import { holdStats } from '../../../renderer/store/stats-watch';
import { memoryStorage } from './fixtures';

const peer = { transport: 'in-process', label: 'test' } as const;
let host: Host | undefined;
afterEach(() => host?.close());

/** A window's store on a real host whose sampler is a stand-in that counts its watches. */
function windowOn() {
  const watching = new Set<(batch: SampleBatch) => void>();
  const engines = {
    realm: 'remoteexec',
    onEngine: () => () => {},
    onContainer: () => () => {},
  } as unknown as Engines;
  host = createHost({
    engines,
    launcher: {} as never,
    urls: directUrls,
    stats: {
      watch: (_options, listener) => {
        watching.add(listener);
        return () => watching.delete(listener);
      },
    },
  });
  const contract = createClient(inProcessTransport(host, peer));
  const store = createAppStore(memoryStorage());
  const round = (cpuPercent: number) => {
    const batch = {
      at: Date.now(),
      containers: [
        {
          engine: 'local',
          id: 'abc',
          cpuPercent,
          memoryBytes: 1,
          memoryLimitBytes: 2,
          netRxBytesPerSecond: 0,
          netTxBytesPerSecond: 0,
          blockReadBytes: 0,
          blockWriteBytes: 0,
          at: Date.now(),
        },
      ],
      engines: [],
    };
    for (const listener of watching) listener(batch);
  };
  return { store, contract, watching, round };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sampling while a view looks', () => {
  it('runs one watch for every view that holds it, and stops it, samples gone, when the last lets go', async () => {
    const { store, contract, watching, round } = windowOn();
    const releaseTable = holdStats(store, contract);
    const releaseDetails = holdStats(store, contract);
    await settled();
    expect(watching.size).toBe(1);
    round(42);
    await settled();
    expect(store.getState().stats['local/abc']?.latest.cpuPercent).toBe(42);

    releaseDetails();
    releaseDetails(); // twice is once
    await settled();
    expect(watching.size).toBe(1);
    releaseTable();
    await settled();
    expect(watching.size).toBe(0);
    expect(store.getState().stats).toEqual({});
    round(50);
    await settled();
    expect(store.getState().stats).toEqual({});
  });

  it('keeps the watch when one view hands over to another in the same task', async () => {
    const { store, contract, watching } = windowOn();
    const releaseTable = holdStats(store, contract);
    await settled();
    const [first] = watching;
    releaseTable();
    const releaseEngines = holdStats(store, contract);
    await settled();
    expect([...watching]).toEqual([first]);
    releaseEngines();
    await settled();
    expect(watching.size).toBe(0);
  });
});
