import { inject } from 'vitest';
import type { EngineProfile } from '../../src-core/docker/engine-profile';
import { startSecondEngine, type SecondEngine } from './second-engine';
import { startServeSession } from './serve-session';
import { until } from './until';

export type TwoEngineSession = Awaited<ReturnType<typeof startServeSession>> & {
  second: SecondEngine;
};

/** The profiles of `local` (the shared test engine) and `second`, in this order. */
export function twoEngineProfiles(second: SecondEngine): EngineProfile[] {
  return [
    { kind: 'env', id: 'local', name: 'Local', env: { DOCKER_HOST: inject('dockerHost') } },
    { kind: 'socket', id: 'second', name: 'Second', path: second.socketPath },
  ];
}

/**
 * A serve session on two connected engines, registered in this order:
 * `local` (the shared test engine) and `second` (a dockerd of its own,
 * `engineLabel` short: it names its bridge).
 */
export async function startTwoEngineSession(
  label: string,
  engineLabel: string,
): Promise<TwoEngineSession> {
  const second = await startSecondEngine(engineLabel);
  let session;
  try {
    session = await startServeSession(label, {
      profiles: twoEngineProfiles(second),
    });
    const { client } = session;
    await until('both engines connected', async () => {
      const { engines } = await client.call('engines.list', {});
      return engines.every((e) => e.state === 'connected') || undefined;
    });
  } catch (error) {
    await session?.close();
    await second.close();
    throw error;
  }
  const close = session.close;
  return {
    ...session,
    second,
    async close() {
      await close();
      await second.close();
    },
  };
}
