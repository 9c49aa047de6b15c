export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function timed(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

/**
 * Times `ours` and `floor` `rounds` times each, alternating which goes first
 * so that neither side always runs on a warmer engine; `settle` runs untimed
 * after each run.
 */
export async function alternate(
  rounds: number,
  ours: () => Promise<unknown>,
  floor: () => Promise<unknown>,
  settle: () => Promise<unknown> = async () => undefined,
): Promise<{ ours: number[]; floor: number[] }> {
  const times = { ours: [] as number[], floor: [] as number[] };
  for (let i = 0; i < rounds; i++)
    for (const side of i % 2 ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const)) {
      times[side].push(await timed(side === 'ours' ? ours : floor));
      await settle();
    }
  return times;
}
