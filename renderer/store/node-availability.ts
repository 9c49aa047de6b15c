import type { SwarmNodeView } from '../../src-core/api/engine-nodes';
import { runOperation } from './actions';
import type { AppStore } from './app-store';
import type { ContractLink } from './contract-link';

/**
 * Drains a Swarm node or makes it active again, as one operation of the
 * activity panel (the core audits it too). Its tasks' moves come as the
 * engine's container events.
 */
export function setNodeAvailability(
  store: AppStore,
  contract: ContractLink,
  engine: { id: string; name: string },
  node: Pick<SwarmNodeView, 'id' | 'hostname'>,
  availability: 'active' | 'drain',
): Promise<unknown> {
  const verb = availability === 'drain' ? 'Drain' : 'Activate';
  return runOperation(
    store,
    contract,
    { kind: 'node', title: `${verb} ${node.hostname} on ${engine.name}`, total: 1 },
    (operationId) =>
      contract.call('engines.setNodeAvailability', {
        engine: engine.id,
        node: node.id,
        availability,
        operationId,
      }),
  );
}
