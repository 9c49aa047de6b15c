import type { GrantLaunchEngines } from '../../src-core/catalog/grant-launcher';
import { Launcher, type LaunchEngines } from '../../src-core/engines/launcher';
import type { ContainerManager } from '../../src-core/realm/container-manager';

/** One engine, `engine`, with one manager: no registry, nothing to count toward a choice. */
export function oneEngineOf(manager: ContainerManager, engine = 'local'): LaunchEngines {
  return {
    reserveEngines: (_choice, launches) => launches.map(() => ({ engine, release: () => {} })),
    manager: () => manager,
  };
}

/** The grant launcher's launches through the real launcher, all on one manager. */
export function oneEngine(manager: ContainerManager, engine = 'local'): GrantLaunchEngines {
  return { launcher: new Launcher(oneEngineOf(manager, engine)), choice: engine };
}
