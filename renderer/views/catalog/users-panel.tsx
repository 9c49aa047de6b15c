import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { useApp } from '../../app/app-context';
import { useCatalogAction, useCatalogCall } from './use-catalog-call';

/** The catalog's users: search, add, remove (with their grants), stop their containers. */
export function UsersPanel({ readOnly }: { readOnly: boolean }) {
  const [search, setSearch] = useState('');
  const [name, setName] = useState('');
  const [removing, setRemoving] = useState<{ name: string; grants: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { data, error } = useCatalogCall('catalog.users', { search }, ['users', 'grants']);
  const action = useCatalogAction();
  const engines = useApp(
    useShallow((s) => s.engineOrder.filter((id) => s.engines[id]!.state === 'connected')),
  );

  async function add() {
    if (await action.run('catalog.addUser', { name: name.trim() })) setName('');
  }

  async function stopAll(user: string) {
    let stopped = 0;
    for (const engine of engines) {
      const result = await action.run('catalog.stopUser', { engine, user });
      stopped += result?.results.filter((r) => r.removed).length ?? 0;
    }
    setNote(`${stopped} container(s) of ${user} stopped`);
  }

  return (
    <div className="catalog-panel" aria-label="Users">
      <div className="toolbar">
        <div className="search">
          <input
            type="search"
            aria-label="Search users"
            placeholder="Search users"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        {!readOnly && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <input
              id="new-user"
              aria-label="New user name"
              placeholder="new.user@example.com"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="primary" disabled={!name.trim() || action.busy}>
              Add user
            </button>
          </form>
        )}
        <span className="count">{data ? `${data.users.length} user(s)` : ''}</span>
      </div>
      {(action.error ?? error) && <ErrorNotice error={(action.error ?? error)!} />}
      {note && <div className="ok small">{note}</div>}
      {data && data.users.length === 0 ? (
        <EmptyState title={search ? 'No user matches' : 'No users yet'}>
          {readOnly ? 'This catalog is read-only.' : 'Add one above, or import a CSV file.'}
        </EmptyState>
      ) : (
        <table className="catalog-table">
          <thead>
            <tr>
              <th>User</th>
              <th>Grants</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {data?.users.map((u) => (
              <tr key={u.id} data-user={u.name}>
                <td>{u.name}</td>
                <td>{u.grants}</td>
                <td className="actions">
                  <button type="button" disabled={!engines.length} onClick={() => stopAll(u.name)}>
                    Stop containers
                  </button>
                  {!readOnly && (
                    <button type="button" className="danger" onClick={() => setRemoving(u)}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove user"
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            void action.run('catalog.removeUser', { name: removing.name });
            setRemoving(null);
          }}
        >
          <p>
            Their {removing.grants} grant(s) go with them. Running containers keep running until
            stopped.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
