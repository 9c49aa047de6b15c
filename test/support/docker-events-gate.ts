import type { ServerResponse } from 'node:http';
import { startDockerRelay } from './docker-relay';

/**
 * A relay in front of a real Docker engine that can hold back what its
 * events streams say: while held, the daemon's events wait here, as if the
 * stream were slow, while every other call passes at once. The events that
 * lag behind the calls are real ones.
 */
export async function startDockerEventsGate(dockerHost: string) {
  const streams = new Map<ServerResponse, Buffer[]>();
  let held = false;
  const relay = await startDockerRelay(dockerHost, {
    answer(line, answer, res) {
      if (!line.startsWith('GET /events')) return void answer.pipe(res);
      // The daemon sends no body until an event: the client must see the headers now.
      res.flushHeaders();
      const queue: Buffer[] = [];
      streams.set(res, queue);
      res.once('close', () => streams.delete(res));
      answer.on('data', (chunk: Buffer) => (held ? queue.push(chunk) : res.write(chunk)));
      answer.on('end', () => res.end());
    },
  });
  return {
    ...relay,
    /** Events from now on wait here until `pass` or `lose`. */
    hold() {
      held = true;
    },
    /** Sends on the events held, in order, and lets the next ones through. */
    pass() {
      held = false;
      for (const [res, queue] of streams) for (const chunk of queue.splice(0)) res.write(chunk);
    },
    /** Drops the events held and breaks every events stream: those events are lost. */
    lose() {
      held = false;
      for (const res of streams.keys()) res.destroy();
      streams.clear();
    },
  };
}
