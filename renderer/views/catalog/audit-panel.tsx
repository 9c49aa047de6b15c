import { useEffect, useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { useServices } from '../../context/app-context';
import { formatTime } from '../../format/duration';
import { downloadText } from './download';
import { ListToolbar } from './list-toolbar';
import { useCatalogAction, useCatalogCall } from './use-catalog-call';

/** Every operator action, newest first, live; exported as CSV. */
export function AuditPanel() {
  const { contract } = useServices();
  const [search, setSearch] = useState('');
  const { data, error, reload } = useCatalogCall('catalog.audit', { search, limit: 500 }, []);
  const action = useCatalogAction();
  useEffect(() => contract.on('catalog.audited', () => reload()), [contract, reload]);

  async function exportCsv() {
    const result = await action.run('catalog.exportAudit', {});
    if (result) downloadText('remoteapp-audit.csv', result.text);
  }

  return (
    <div className="catalog-panel" aria-label="Audit log">
      <ListToolbar
        searchLabel="Search the audit log"
        searchPlaceholder="Search: user, action, engine…"
        search={search}
        onSearch={setSearch}
        count={data ? `${data.entries.length} shown` : ''}
      >
        <button type="button" onClick={() => void exportCsv()}>
          Export audit CSV
        </button>
      </ListToolbar>
      {(action.error ?? error) && <ErrorNotice error={(action.error ?? error)!} />}
      {data && data.entries.length === 0 ? (
        <EmptyState title={search ? 'No entry matches' : 'Nothing done yet'} />
      ) : (
        <table className="catalog-table audit-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Target</th>
              <th>Engine</th>
              <th>Result</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {data?.entries.map((e) => (
              <tr key={e.id} data-action={e.action} data-result={e.result}>
                <td title={e.at}>{formatTime(Date.parse(e.at))}</td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td className="truncate">{e.target}</td>
                <td>{e.engine ?? '—'}</td>
                <td className={e.result === 'ok' ? 'ok' : 'warning'}>{e.result}</td>
                <td className="detail">{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
