import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DockerStats } from '../../src-core/docker/docker-stats';
import {
  blockBytes,
  isRunningSample,
  memoryUsed,
  statsReading,
} from '../../src-core/engines/container-stats';

/** Two samples of one container, a second or two apart (see test/fixtures/README.md). */
function recorded(name: string): { previous: DockerStats; current: DockerStats } {
  const file = join(import.meta.dirname, '../fixtures/docker-stats', `${name}.json`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('a container reading, as docker stats computes it', () => {
  it('on cgroup v1 (recorded here): CPU over 2 CPUs, memory less total_inactive_file', () => {
    const { previous, current } = recorded('cgroup-v1');
    expect(statsReading(previous, current)).toEqual({
      // 560887998 ns of the container's over 2050000000 ns of the host's, times 2 CPUs.
      cpuPercent: expect.closeTo(54.72078, 4),
      // 9195520 in use, of which 8376320 is a file written once and not read since.
      memoryBytes: 819_200,
      memoryLimitBytes: 25_276_194_816,
      netRxBytesPerSecond: 0,
      netTxBytesPerSecond: 0,
      blockReadBytes: 0,
      blockWriteBytes: 0,
    });
  });

  it('counts the CPUs by the per-CPU counters when the engine does not say how many are online', () => {
    const { previous, current } = recorded('cgroup-v1');
    const cpu = { ...current.cpu_stats };
    delete cpu.online_cpus;
    expect(cpu.cpu_usage.percpu_usage).toHaveLength(2);
    expect(statsReading(previous, { ...current, cpu_stats: cpu }).cpuPercent).toBeCloseTo(
      54.72078,
      4,
    );
  });

  it('on cgroup v2 (from the API specification): no per-CPU counters, inactive_file, lower-case block ops', () => {
    const { previous, current } = recorded('cgroup-v2');
    expect(current.cpu_stats.cpu_usage.percpu_usage).toBeUndefined();
    expect(statsReading(previous, current)).toEqual({
      // 1e9 ns over 8e9 ns of the host's, times 4 online CPUs.
      cpuPercent: 50,
      memoryBytes: 10_498_048 - 2_510_848,
      memoryLimitBytes: 8_217_579_520,
      // eth0 and eth5 together: 3000 bytes in, 600 out, over the 2 s between the reads.
      netRxBytesPerSecond: 1500,
      netTxBytesPerSecond: 300,
      blockReadBytes: 7_593_984,
      blockWriteBytes: 100,
    });
  });

  it('reads 0 for no CPU used, and for counters that went back (a restart)', () => {
    const { current } = recorded('cgroup-v1');
    expect(statsReading(current, current).cpuPercent).toBe(0);
    const later = { ...current, read: '2026-12-04T21:19:14.342804525Z' };
    const restarted = {
      ...later,
      cpu_stats: { ...later.cpu_stats, cpu_usage: { total_usage: 1000 } },
      networks: { eth0: { rx_bytes: 10, tx_bytes: 10 } },
    };
    const reading = statsReading(
      { ...current, networks: { eth0: { rx_bytes: 5000, tx_bytes: 5000 } } },
      restarted,
    );
    expect(reading).toMatchObject({
      cpuPercent: 0,
      netRxBytesPerSecond: 0,
      netTxBytesPerSecond: 0,
    });
  });

  it('keeps the usage whole when the inactive cache is not below it', () => {
    expect(memoryUsed({ usage: 500, stats: { total_inactive_file: 400 } })).toBe(100);
    expect(memoryUsed({ usage: 500, stats: { inactive_file: 600 } })).toBe(500);
    expect(memoryUsed({ usage: 500 })).toBe(500);
  });

  it('adds block reads and writes by the first letter of the operation, as the docker CLI does', () => {
    // The docker CLI's own test vector (stats_helpers_test.go, TestCalculateBlockIO).
    const entries = [
      ['read', 1234],
      ['read', 4567],
      ['Read', 6],
      ['Read', 8],
      ['write', 123],
      ['write', 456],
      ['Write', 6],
      ['Write', 8],
      ['', 456],
    ] as const;
    expect(
      blockBytes({ io_service_bytes_recursive: entries.map(([op, value]) => ({ op, value })) }),
    ).toEqual({ read: 5815, write: 593 });
  });

  it('tells the empty sample of a stopped container from a running one', () => {
    const { current } = recorded('cgroup-v1');
    expect(isRunningSample(current)).toBe(true);
    expect(
      isRunningSample({
        read: '0001-01-01T00:00:00Z',
        cpu_stats: { cpu_usage: { total_usage: 0 } },
        memory_stats: {},
      }),
    ).toBe(false);
  });
});
