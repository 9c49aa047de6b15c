import type { StateCreator } from 'zustand';
import type { ContainerSample, EngineSample, StatsBatch } from '../../src-core/api/stats';
import type { AppState } from './app-state';
import { containerKey, type ContainerKey } from './container-key';

/** How far back a container's history reaches: its row's sparkline spans it. */
export const HISTORY_MS = 5 * 60_000;

/**
 * A container's samples as columns, oldest first. Append-only: a batch
 * pushes onto the arrays its newest entry points to, and each entry reads
 * only its own window, so an older entry never sees a later sample.
 */
export interface Series {
  at: number[];
  cpu: number[];
  memory: number[];
  rx: number[];
  tx: number[];
}

export interface ContainerStats {
  latest: ContainerSample;
  series: Series;
  /** This entry's window of `series`: [start, end). */
  start: number;
  end: number;
}

export interface StatsSlice {
  /** The running containers of the newest batch, keyed as the rows are; absent when not sampled. */
  stats: Record<ContainerKey, ContainerStats>;
  /** Each connected engine's totals in the newest batch. */
  engineStats: Record<string, EngineSample>;
  applyStats(batch: Pick<StatsBatch, 'containers' | 'engines'>): void;
  clearStats(): void;
}

function emptySeries(): Series {
  return { at: [], cpu: [], memory: [], rx: [], tx: [] };
}

function sliceSeries({ at, cpu, memory, rx, tx }: Series, start: number, end: number): Series {
  return {
    at: at.slice(start, end),
    cpu: cpu.slice(start, end),
    memory: memory.slice(start, end),
    rx: rx.slice(start, end),
    tx: tx.slice(start, end),
  };
}

/** `prev`'s window, with `sample` after it and the samples older than HISTORY_MS dropped. */
function extend(prev: ContainerStats | undefined, sample: ContainerSample): ContainerStats {
  let { series, start, end } = prev ?? { series: emptySeries(), start: 0, end: 0 };
  const { at } = series;
  // A sample no newer than the last adds no point: the x axis only moves forward.
  if (end > start && sample.at <= at[end - 1]!) return { latest: sample, series, start, end };
  // An older entry extended again (not the newest): its window is copied, the newer one kept.
  if (end !== at.length) {
    series = sliceSeries(series, start, end);
    [start, end] = [0, end - start];
  }
  series.at.push(sample.at);
  series.cpu.push(sample.cpuPercent);
  series.memory.push(sample.memoryBytes);
  series.rx.push(sample.netRxBytesPerSecond);
  series.tx.push(sample.netTxBytesPerSecond);
  end += 1;
  const cutoff = sample.at - HISTORY_MS;
  while (series.at[start]! < cutoff) start += 1;
  // Drop what no window reaches any more, once it is as long as what is kept.
  if (start >= end - start) {
    series = sliceSeries(series, start, end);
    [start, end] = [0, end - start];
  }
  return { latest: sample, series, start, end };
}

export const createStatsSlice: StateCreator<AppState, [], [], StatsSlice> = (set) => ({
  stats: {},
  engineStats: {},
  // The newest batch says what runs: a container missing from it has stopped (or its engine is down).
  applyStats: (batch) =>
    set((s) => {
      const stats: Record<ContainerKey, ContainerStats> = {};
      for (const sample of batch.containers) {
        const key = containerKey(sample.engine, sample.id);
        stats[key] = extend(s.stats[key], sample);
      }
      return {
        stats,
        engineStats: Object.fromEntries(batch.engines.map((e) => [e.engine, e])),
      };
    }),
  clearStats: () => set({ stats: {}, engineStats: {} }),
});
