import { useEffect, useState } from 'react';
import type { SwarmNodeView } from '../../../src-core/api/engine-nodes';
import type { EngineStatusView } from '../../../src-core/api/engines';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { useApp, useServices } from '../../context/app-context';
import { formatBytes } from '../../format/resources';
import type { AppState } from '../../store/app-state';
import { setNodeAvailability } from '../../store/node-availability';
import './swarm-nodes.css';

type Availability = 'active' | 'drain';
type Engine = Pick<EngineStatusView, 'id' | 'name'>;

/** A drain moves many tasks, each a row change: one listing once the burst has passed. */
const SETTLE_MS = 300;

/** Which of the engine's rows runs on which node, in what state: the nodes' task counts follow it. */
function placement(s: AppState, engine: string): string {
  let key = '';
  for (const c of Object.values(s.containers))
    if (c.engine === engine) key += `${c.id}@${c.node ?? ''}:${c.state} `;
  return key;
}

/** A failure said with what was being done, on which engine and node. */
function Failure({ doing, error }: { doing: string; error: ErrorPayload }) {
  return (
    <div className="node-error">
      <p>Could not {doing}:</p>
      <ErrorNotice error={error} compact />
    </div>
  );
}

function ChangeConfirm({
  engine,
  node,
  availability,
  onConfirm,
  onCancel,
}: {
  engine: Engine;
  node: SwarmNodeView;
  availability: Availability;
  onConfirm(): void;
  onCancel(): void;
}) {
  const drain = availability === 'drain';
  return (
    <ConfirmDialog
      title={`${drain ? 'Drain' : 'Activate'} ${node.hostname} of ${engine.name}?`}
      confirmLabel={drain ? 'Drain' : 'Activate'}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {drain ? (
        <>
          <p>
            Swarm stops every task on {node.hostname}, of every realm and not only this one, and
            starts each again on another node: the users&apos; apps restart there, and their users
            lose any unsaved work in them.
          </p>
          <p>
            {node.runningTasks} of this realm&apos;s apps run on it now. Nothing is placed on it
            until it is activated again.
          </p>
        </>
      ) : (
        <p>
          Swarm may place new tasks on {node.hostname} again. The tasks moved away stay where they
          are: nothing restarts.
        </p>
      )}
    </ConfirmDialog>
  );
}

/**
 * A Swarm services engine's nodes, read when its card is shown and again
 * when its rows move or change state (a drain, a node lost), with Drain and
 * Activate, each confirmed.
 */
export function SwarmNodes({ engine }: { engine: Engine }) {
  const { contract, store } = useServices();
  const rows = useApp((s) => placement(s, engine.id));
  const [nodes, setNodes] = useState<SwarmNodeView[] | null>(null);
  const [listError, setListError] = useState<ErrorPayload | null>(null);
  const [asking, setAsking] = useState<{ node: SwarmNodeView; to: Availability } | null>(null);
  const [changing, setChanging] = useState<string | null>(null);
  const [changeError, setChangeError] = useState<{ doing: string; error: ErrorPayload } | null>(
    null,
  );
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      contract.call('engines.nodes', { engine: engine.id }).then(
        (answer) => {
          if (!current) return;
          setNodes(answer.nodes);
          setListError(null);
        },
        (error: unknown) => current && setListError(errorPayloadOf(error)),
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [contract, engine.id, rows, changes]);

  async function change(node: SwarmNodeView, to: Availability) {
    setAsking(null);
    setChanging(node.id);
    try {
      await setNodeAvailability(store, contract, engine, node, to);
      setChangeError(null);
    } catch (error) {
      const doing = `${to === 'drain' ? 'drain' : 'activate'} ${node.hostname} of ${engine.name}`;
      setChangeError({ doing, error: errorPayloadOf(error) });
    } finally {
      setChanging(null);
      setChanges((n) => n + 1);
    }
  }

  return (
    <section className="swarm-nodes" aria-label={`Nodes of ${engine.name}`}>
      <h4>Nodes</h4>
      {listError && <Failure doing={`list the nodes of ${engine.name}`} error={listError} />}
      {changeError && <Failure {...changeError} />}
      {nodes === null && !listError && <p className="muted small">Reading the nodes…</p>}
      {nodes && (
        <table className="node-table">
          <thead>
            <tr>
              {[
                'Node',
                'Role',
                'Availability',
                'State',
                'Address',
                'CPUs',
                'Memory',
                'Realm tasks',
                'Action',
              ].map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {nodes.map((n) => {
              const to: Availability = n.availability === 'active' ? 'drain' : 'active';
              const label = to === 'drain' ? 'Drain' : 'Activate';
              return (
                <tr key={n.id} data-node={n.hostname} data-availability={n.availability}>
                  <th scope="row" title={n.id}>
                    {n.hostname}
                  </th>
                  <td>{n.leader ? `${n.role} (leader)` : n.role}</td>
                  <td className={`node-availability availability-${n.availability}`}>
                    {n.availability}
                  </td>
                  <td>{n.state}</td>
                  <td>
                    <code>{n.address}</code>
                  </td>
                  <td className="number">{n.cpus}</td>
                  <td className="number">{formatBytes(n.memoryBytes)}</td>
                  <td className="number node-tasks">{n.runningTasks}</td>
                  <td>
                    <button
                      type="button"
                      className="small"
                      disabled={changing === n.id}
                      aria-label={`${label} ${n.hostname}`}
                      onClick={() => setAsking({ node: n, to })}
                    >
                      {changing === n.id ? `${label}…` : label}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {asking && (
        <ChangeConfirm
          engine={engine}
          node={asking.node}
          availability={asking.to}
          onConfirm={() => void change(asking.node, asking.to)}
          onCancel={() => setAsking(null)}
        />
      )}
    </section>
  );
}
