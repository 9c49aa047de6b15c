import type { EngineProbeView } from '../../../src-core/api/engines';
import type { SwarmMode } from './swarm-form';

const NEEDS_MANAGER = 'Swarm services need a manager, choose Containers';

/** What a tested daemon's Swarm role means for launches, with the "Launch as" chosen. */
export function probeSwarmLine({ role, nodes }: EngineProbeView['swarm'], mode: SwarmMode): string {
  if (role === 'manager') {
    const size = nodes === null ? '' : `, ${nodes} node${nodes === 1 ? '' : 's'}`;
    return `Swarm manager${size}: launches will make ${mode === 'containers' ? 'containers on the manager alone' : 'services'}`;
  }
  const what = role === 'worker' ? 'Swarm worker' : 'Not in a Swarm';
  return `${what}: ${mode === 'services' ? NEEDS_MANAGER : 'launches will make containers'}`;
}
