import { inject } from 'vitest';
import { EngineRegistry } from '../../../src-core/engines/engine-registry';
import { watchRegistry } from '../../support/registry-watch';
import { testRealm } from '../../support/test-realm';

/** A test realm with a live registry on the test engine (engine id `env`), connected. */
export async function proxyRealm(label: string) {
  const t = testRealm(label);
  const registry = new EngineRegistry({ realm: t.realm, stopTimeoutSeconds: 2 });
  const watch = watchRegistry(registry);
  registry.add({ kind: 'env', env: { DOCKER_HOST: inject('dockerHost') } });
  await watch.state('env', 'connected');
  return {
    ...t,
    registry,
    watch,
    engineId: 'env',
    async close() {
      watch.stop();
      await registry.close();
      await t.cleanup();
    },
  };
}
