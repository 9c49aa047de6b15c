import { Agent, request } from 'node:http';

/**
 * Two URLs loaded at once for `ms`, `concurrency` keep-alive clients each:
 * how many answers each got. Both sides meet the same machine at the same
 * moments, so that a difference of a few percent is not lost in the drift
 * of a shared machine between one measurement and the next.
 */
export async function pairedLoad(
  urls: [string, string],
  concurrency: number,
  ms: number,
): Promise<[number, number]> {
  const deadline = performance.now() + ms;
  const counts: [number, number] = [0, 0];
  const agents = urls.map(() => new Agent({ keepAlive: true, maxSockets: concurrency }));
  const one = (side: 0 | 1) =>
    new Promise<void>((resolve, reject) => {
      request(urls[side], { agent: agents[side] }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${urls[side]}: HTTP ${res.statusCode}`));
        res.on('data', () => undefined);
        res.on('end', () => {
          counts[side]++;
          resolve();
        });
      })
        .on('error', reject)
        .end();
    });
  const client = async (side: 0 | 1) => {
    while (performance.now() < deadline) await one(side);
  };
  await Promise.all(
    ([0, 1] as const).flatMap((side) => Array.from({ length: concurrency }, () => client(side))),
  );
  for (const agent of agents) agent.destroy();
  return counts;
}
