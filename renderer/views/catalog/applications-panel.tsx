import { useMemo, useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { useApp } from '../../context/app-context';
import { ListToolbar } from './list-toolbar';
import { RowActions } from './row-actions';
import { useCatalogAction, useCatalogCall } from './use-catalog-call';
import { useStopEverywhere } from './use-stop-everywhere';

/** The catalog's applications (images): add by image, remove, stop their containers. */
export function ApplicationsPanel({ readOnly }: { readOnly: boolean }) {
  const [search, setSearch] = useState('');
  const [removing, setRemoving] = useState<{ image: string; grants: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { data, error } = useCatalogCall('catalog.applications', { search }, [
    'applications',
    'grants',
  ]);
  const action = useCatalogAction();
  const stop = useStopEverywhere();
  const images = useApp((s) => s.images);
  const known = useMemo(
    () => [...new Set(Object.values(images).flatMap((list) => list.map((i) => i.name)))].sort(),
    [images],
  );

  async function stopAll(image: string) {
    const removed = await stop.run((engine) =>
      action.run('catalog.stopApplication', { engine, image }),
    );
    setNote(`${removed} container(s) of ${image} stopped`);
  }

  return (
    <div className="catalog-panel" aria-label="Applications">
      <ListToolbar
        searchLabel="Search applications"
        search={search}
        onSearch={setSearch}
        count={data ? `${data.applications.length} application(s)` : ''}
        add={
          readOnly
            ? undefined
            : {
                id: 'new-application',
                label: 'New application image',
                placeholder: 'registry/image:tag',
                button: 'Add application',
                busy: action.busy,
                suggestions: known,
                onAdd: async (image) => !!(await action.run('catalog.addApplication', { image })),
              }
        }
      />
      {(action.error ?? error) && <ErrorNotice error={(action.error ?? error)!} />}
      {note && <div className="ok small">{note}</div>}
      {data && data.applications.length === 0 ? (
        <EmptyState title={search ? 'No application matches' : 'No applications yet'}>
          {readOnly ? 'This catalog is read-only.' : 'Add an image above, or import a CSV file.'}
        </EmptyState>
      ) : (
        <table className="catalog-table">
          <thead>
            <tr>
              <th>Image</th>
              <th>On an engine</th>
              <th>Grants</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {data?.applications.map((a) => (
              <tr key={a.id} data-image={a.image}>
                <td>
                  <code>{a.image}</code>
                </td>
                <td>
                  {known.includes(a.image) ? 'yes' : <span className="warning">not found</span>}
                </td>
                <td>{a.grants}</td>
                <RowActions
                  canStop={stop.available}
                  canRemove={!readOnly}
                  onStop={() => void stopAll(a.image)}
                  onRemove={() => setRemoving(a)}
                />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.image}?`}
          confirmLabel="Remove application"
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            void action.run('catalog.removeApplication', { image: removing.image });
            setRemoving(null);
          }}
        >
          <p>Its {removing.grants} grant(s) go with it. The image stays on the engines.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
