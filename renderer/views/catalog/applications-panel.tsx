import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { useApp } from '../../app/app-context';
import { useCatalogAction, useCatalogCall } from './use-catalog-call';

/** The catalog's applications (images): add by image, remove, stop their containers. */
export function ApplicationsPanel({ readOnly }: { readOnly: boolean }) {
  const [search, setSearch] = useState('');
  const [image, setImage] = useState('');
  const [removing, setRemoving] = useState<{ image: string; grants: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { data, error } = useCatalogCall('catalog.applications', { search }, [
    'applications',
    'grants',
  ]);
  const action = useCatalogAction();
  const engines = useApp(
    useShallow((s) => s.engineOrder.filter((id) => s.engines[id]!.state === 'connected')),
  );
  const images = useApp((s) => s.images);
  const known = useMemo(
    () => [...new Set(Object.values(images).flatMap((list) => list.map((i) => i.name)))].sort(),
    [images],
  );

  async function add() {
    if (await action.run('catalog.addApplication', { image: image.trim() })) setImage('');
  }

  async function stopAll(name: string) {
    let stopped = 0;
    for (const engine of engines) {
      const result = await action.run('catalog.stopApplication', { engine, image: name });
      stopped += result?.results.filter((r) => r.removed).length ?? 0;
    }
    setNote(`${stopped} container(s) of ${name} stopped`);
  }

  return (
    <div className="catalog-panel" aria-label="Applications">
      <div className="toolbar">
        <div className="search">
          <input
            type="search"
            aria-label="Search applications"
            placeholder="Search applications"
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
              id="new-application"
              aria-label="New application image"
              placeholder="registry/image:tag"
              list="known-images"
              value={image}
              onChange={(e) => setImage(e.target.value)}
            />
            <datalist id="known-images">
              {known.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            <button type="submit" className="primary" disabled={!image.trim() || action.busy}>
              Add application
            </button>
          </form>
        )}
        <span className="count">{data ? `${data.applications.length} application(s)` : ''}</span>
      </div>
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
                <td className="actions">
                  <button type="button" disabled={!engines.length} onClick={() => stopAll(a.image)}>
                    Stop containers
                  </button>
                  {!readOnly && (
                    <button type="button" className="danger" onClick={() => setRemoving(a)}>
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
