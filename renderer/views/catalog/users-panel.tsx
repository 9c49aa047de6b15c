import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { ListToolbar } from './list-toolbar';
import { RowActions } from './row-actions';
import { useCatalogAction, useCatalogCall } from './use-catalog-call';
import { useStopEverywhere } from './use-stop-everywhere';

/** The catalog's users: search, add, remove (with their grants), stop their containers. */
export function UsersPanel({ readOnly }: { readOnly: boolean }) {
  const [search, setSearch] = useState('');
  const [removing, setRemoving] = useState<{ name: string; grants: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { data, error } = useCatalogCall('catalog.users', { search }, ['users', 'grants']);
  const action = useCatalogAction();
  const stop = useStopEverywhere();

  async function stopAll(user: string) {
    const removed = await stop.run((engine) => action.run('catalog.stopUser', { engine, user }));
    setNote(`${removed} container(s) of ${user} stopped`);
  }

  return (
    <div className="catalog-panel" aria-label="Users">
      <ListToolbar
        searchLabel="Search users"
        search={search}
        onSearch={setSearch}
        count={data ? `${data.users.length} user(s)` : ''}
        add={
          readOnly
            ? undefined
            : {
                id: 'new-user',
                label: 'New user name',
                placeholder: 'new.user@example.com',
                button: 'Add user',
                busy: action.busy,
                onAdd: async (name) => !!(await action.run('catalog.addUser', { name })),
              }
        }
      />
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
                <RowActions
                  canStop={stop.available}
                  canRemove={!readOnly}
                  onStop={() => void stopAll(u.name)}
                  onRemove={() => setRemoving(u)}
                />
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
