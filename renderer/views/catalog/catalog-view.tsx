import { useState } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { ApplicationsPanel } from './applications-panel';
import { AuditPanel } from './audit-panel';
import { downloadText } from './download';
import { GrantsMatrix } from './grants-matrix';
import { UsersPanel } from './users-panel';
import { useCatalogAction, useCatalogCall } from './use-catalog-call';
import './catalog.css';

type Tab = 'grants' | 'users' | 'applications' | 'audit';
const TABS: Array<[Tab, string]> = [
  ['grants', 'Grants'],
  ['users', 'Users'],
  ['applications', 'Applications'],
  ['audit', 'Audit log'],
];

/** The catalog: which database is open, its grants matrix, users, applications and the audit log. */
export function CatalogView() {
  const [tab, setTab] = useState<Tab>('grants');
  const [path, setPath] = useState('');
  const [kind, setKind] = useState<'sqlite' | 'csv'>('sqlite');
  const [imported, setImported] = useState<string | null>(null);
  const info = useCatalogCall('catalog.info', {}, ['users', 'applications', 'policies', 'grants']);
  const action = useCatalogAction();
  const readOnly = info.data?.readOnly ?? true;

  async function importFile(file: File) {
    const result = await action.run('catalog.importCsv', {
      text: await file.text(),
      name: file.name,
    });
    setImported(
      result &&
        `${file.name}: ${result.grantsAdded} grant(s) added, ${result.grantsExisting} already there`,
    );
  }

  async function exportCsv() {
    const result = await action.run('catalog.exportCsv', {});
    if (result) downloadText('simphony-remote.csv', result.text);
  }

  return (
    <section className="view catalog-view" aria-label="Catalog">
      <header className="catalog-head">
        <div className="catalog-source">
          <strong>
            {info.data?.isHome
              ? 'App catalog'
              : info.data?.kind === 'csv'
                ? 'CSV file'
                : 'Database'}
          </strong>{' '}
          <code>{info.data?.source ?? '…'}</code>
          {info.data?.readOnly && <span className="badge">read-only</span>}
          {info.data && (
            <span className="muted small">
              {info.data.users} users · {info.data.applications} applications · {info.data.grants}{' '}
              grants
            </span>
          )}
        </div>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run('catalog.open', path.trim() ? { kind, path: path.trim() } : { kind });
          }}
        >
          <select
            aria-label="Catalog kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'sqlite' | 'csv')}
          >
            <option value="sqlite">SQLite database</option>
            <option value="csv">CSV file (read-only)</option>
          </select>
          <input
            aria-label="Catalog path"
            className="path-input"
            placeholder="/path/to/remoteappmanager.db (empty: the app's own)"
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit">Open</button>
        </form>
        <div className="catalog-actions">
          {!readOnly && (
            <label className="button">
              Import grants CSV…
              <input
                type="file"
                accept=".csv,text/csv"
                hidden
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void importFile(file);
                }}
              />
            </label>
          )}
          <button type="button" onClick={() => void exportCsv()}>
            Export grants CSV
          </button>
        </div>
      </header>
      {(action.error ?? info.error) && <ErrorNotice error={(action.error ?? info.error)!} />}
      {imported && <div className="ok small">{imported}</div>}
      <div className="tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'active' : ''}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'grants' && <GrantsMatrix readOnly={readOnly} />}
      {tab === 'users' && <UsersPanel readOnly={readOnly} />}
      {tab === 'applications' && <ApplicationsPanel readOnly={readOnly} />}
      {tab === 'audit' && <AuditPanel />}
    </section>
  );
}
