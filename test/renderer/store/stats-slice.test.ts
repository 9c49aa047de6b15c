import { describe, expect, it } from 'vitest';
import { containerSample, type ContainerSample } from '../../../src-core/api/stats';
import { createAppStore } from '../../../renderer/store/app-store';
import { HISTORY_MS, type ContainerStats, type Series } from '../../../renderer/store/stats-slice';
import { container, memoryStorage } from './fixtures';

const T0 = 1_790_000_000_000;

/** What an entry shows of one series: its own window. */
const seriesOf = (entry: ContainerStats, name: keyof Series) =>
  entry.series[name].slice(entry.start, entry.end);

function sample(id: string, at: number, cpuPercent: number, memoryBytes = 1e6): ContainerSample {
  return containerSample.parse({
    engine: 'local',
    id,
    cpuPercent,
    memoryBytes,
    memoryLimitBytes: 8e9,
    netRxBytesPerSecond: 10,
    netTxBytesPerSecond: 20,
    blockReadBytes: 0,
    blockWriteBytes: 0,
    at,
  });
}

const engine = {
  engine: 'local',
  cpus: 2,
  memTotalBytes: 8e9,
  cpuPercent: 0,
  memoryBytes: 0,
  containers: 0,
};

function store() {
  const s = createAppStore(memoryStorage());
  s.getState().loadListing({
    engines: [
      {
        engine: 'local',
        containers: ['ann', 'ben', 'cid'].map((id) => container('local', id)),
      },
    ],
  });
  return s;
}

describe('the stats slice', () => {
  it("keeps each running container's last five minutes, oldest first, and drops one that stopped", () => {
    const s = store();
    const every = 2_000;
    for (let i = 0; i <= 200; i++)
      s.getState().applyStats({
        containers: [
          sample('ann', T0 + i * every, i),
          ...(i < 200 ? [sample('ben', T0 + i * every, 1)] : []),
        ],
        engines: [engine],
      });
    const ann = s.getState().stats['local/ann']!;
    expect(ann.latest.cpuPercent).toBe(200);
    const at = seriesOf(ann, 'at');
    expect(at[at.length - 1]).toBe(T0 + 200 * every);
    expect(at[0]).toBe(T0 + 200 * every - HISTORY_MS);
    expect(at).toHaveLength(HISTORY_MS / every + 1);
    expect(seriesOf(ann, 'cpu').slice(-3)).toEqual([198, 199, 200]);
    expect(seriesOf(ann, 'tx').every((v) => v === 20)).toBe(true);
    // Missing from the newest batch: stopped, or its engine is down.
    expect(s.getState().stats['local/ben']).toBeUndefined();
    expect(s.getState().engineStats).toEqual({ local: engine });
  });

  it("leaves what an earlier entry shows as it was: a later batch never changes a row's old value", () => {
    const s = store();
    s.getState().applyStats({ containers: [sample('ann', T0, 5)], engines: [] });
    s.getState().applyStats({ containers: [sample('ann', T0 + 2000, 6)], engines: [] });
    const earlier = s.getState().stats['local/ann']!;
    for (let i = 2; i < 400; i++)
      s.getState().applyStats({ containers: [sample('ann', T0 + i * 2000, i)], engines: [] });
    expect(seriesOf(earlier, 'cpu')).toEqual([5, 6]);
    expect(earlier.latest.cpuPercent).toBe(6);
  });

  it('empties when sampling stops', () => {
    const s = store();
    s.getState().applyStats({ containers: [sample('ann', T0, 5)], engines: [engine] });
    s.getState().clearStats();
    expect(s.getState().stats).toEqual({});
    expect(s.getState().engineStats).toEqual({});
  });
});

describe('sorting by resource use', () => {
  it('puts the heaviest first on the first click, moves the lines with each batch, and the unsampled last', () => {
    const s = store();
    s.getState().applyStats({
      containers: [sample('ann', T0, 3, 5e6), sample('ben', T0, 90, 1e6)],
      engines: [],
    });
    s.getState().sortBy('cpu');
    expect(s.getState().preferences.sort).toEqual({ column: 'cpu', descending: true });
    expect(s.derived.tableItems(s.getState())).toEqual(['local/ben', 'local/ann', 'local/cid']);
    s.getState().applyStats({
      containers: [sample('ann', T0 + 2000, 150, 5e6), sample('ben', T0 + 2000, 1, 1e6)],
      engines: [],
    });
    expect(s.derived.tableItems(s.getState())).toEqual(['local/ann', 'local/ben', 'local/cid']);
    s.getState().sortBy('memory');
    expect(s.derived.tableItems(s.getState())).toEqual(['local/ann', 'local/ben', 'local/cid']);
    s.getState().sortBy('memory');
    expect(s.getState().preferences.sort.descending).toBe(false);
    expect(s.derived.tableItems(s.getState())).toEqual(['local/cid', 'local/ben', 'local/ann']);
  });

  it('recomputes no line for a batch while sorted by anything else', () => {
    const s = store();
    const before = s.derived.tableItems(s.getState());
    s.getState().applyStats({ containers: [sample('cid', T0, 99)], engines: [] });
    expect(s.derived.tableItems(s.getState())).toBe(before);
  });
});
