import type { ContainerView } from '../api/containers';
import type { ContainerSample, StatsBatch } from '../api/stats';
import { binarySize, decimalSize } from './byte-size';
import { table } from './table';

/** A sample with the container's user, name and image, as `top` prints it. */
export type TopRow = ContainerSample & Pick<ContainerView, 'user' | 'name' | 'image'>;

export function containerKey(engine: string, id: string): string {
  return `${engine}/${id}`;
}

/** The batch's containers, the busiest first (CPU, then memory). */
export function topRows(batch: StatsBatch, views: Map<string, ContainerView>): TopRow[] {
  return batch.containers
    .map((sample) => {
      const view = views.get(containerKey(sample.engine, sample.id));
      return {
        ...sample,
        user: view?.user ?? '',
        name: view?.name ?? '',
        image: view?.image ?? '',
      };
    })
    .sort((a, b) => b.cpuPercent - a.cpuPercent || b.memoryBytes - a.memoryBytes);
}

const percent = (value: number) => `${value.toFixed(2)}%`;

/** The rows as `docker stats` prints its columns, with network as a rate. */
export function topTable(rows: TopRow[]): string {
  return table(
    [
      'ENGINE',
      'ID',
      'USER',
      'IMAGE',
      'CPU %',
      'MEM USAGE / LIMIT',
      'MEM %',
      'NET IN / OUT',
      'BLOCK I/O',
    ],
    rows.map((r) => [
      r.engine,
      r.id.slice(0, 12),
      r.user,
      r.image,
      percent(r.cpuPercent),
      `${binarySize(r.memoryBytes)} / ${binarySize(r.memoryLimitBytes)}`,
      percent(r.memoryLimitBytes ? (r.memoryBytes / r.memoryLimitBytes) * 100 : 0),
      `${decimalSize(r.netRxBytesPerSecond)}/s / ${decimalSize(r.netTxBytesPerSecond)}/s`,
      `${decimalSize(r.blockReadBytes)} / ${decimalSize(r.blockWriteBytes)}`,
    ]),
  );
}

/** Each engine's realm containers together, against its capacity. */
export function engineLines(batch: StatsBatch): string[] {
  return batch.engines.map(
    (e) =>
      `${e.engine}: ${e.containers} running, CPU ${percent(e.cpuPercent)} of ${e.cpus * 100}%, ` +
      `memory ${binarySize(e.memoryBytes)} of ${binarySize(e.memTotalBytes)}`,
  );
}
