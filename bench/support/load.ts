import { Agent, request } from 'node:http';

export interface LoadResult {
  requestsPerSecond: number;
  latenciesMs: number[];
}

/**
 * A small closed-loop load generator: `concurrency` clients, each sending
 * GETs one after another until `total` have been answered, over keep-alive
 * connections. Every answer must be 200 and read to its end.
 */
export async function load(url: string, concurrency: number, total: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  let started = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      request(url, { agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`));
        res.on('data', () => undefined);
        res.on('end', () => {
          latenciesMs.push(performance.now() - t0);
          resolve();
        });
      })
        .on('error', reject)
        .end();
    });
  const client = async () => {
    while (started < total) {
      started++;
      await one();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { requestsPerSecond: total / seconds, latenciesMs };
}
