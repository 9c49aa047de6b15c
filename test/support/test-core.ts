import { inject } from 'vitest';
import { startCore, type CoreOptions } from '../../src-core/host/start-core';
import { startRequestCounter } from './docker-request-count';
import { testRealm } from './test-realm';

/**
 * The product's core (engine registry + host) on the test engine, in a realm
 * of its own, reached through a relay that counts the Docker requests.
 */
export async function startTestCore(label: string, options: CoreOptions = {}) {
  const realm = testRealm(label);
  const counter = await startRequestCounter(inject('dockerHost'));
  const core = await startCore({
    realm: realm.realm,
    // A local socket, as the local engine is: the core may look up its bind sources itself.
    profiles: [{ kind: 'socket', path: counter.socketPath, id: 'local' }],
    ...options,
  });
  return {
    ...realm,
    core,
    counter,
    async close() {
      await core.close();
      await counter.close();
      await realm.cleanup();
    },
  };
}
