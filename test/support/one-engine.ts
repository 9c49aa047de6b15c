import type { Seating } from '../../src-core/catalog/grant-launcher';
import type { ContainerManager } from '../../src-core/realm/container-manager';

/** The grant launcher's launches, all on one manager: no registry, nothing else to count. */
export function oneEngine(manager: ContainerManager, engine = 'local'): Seating {
  return (launches) => launches.map(() => ({ engine, manager, release: () => {} }));
}
