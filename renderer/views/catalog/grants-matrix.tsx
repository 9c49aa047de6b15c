import { useMemo, useState } from 'react';
import type { GrantView } from '../../../src-core/api/catalog';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { ListToolbar } from './list-toolbar';
import { PolicyEditor } from './policy-editor';
import { describePolicy, EMPTY_POLICY, policyInput } from './policy-form';
import { useCatalogAction, useCatalogCall } from './use-catalog-call';

const ALL: Array<'users' | 'applications' | 'grants' | 'policies'> = [
  'users',
  'applications',
  'grants',
  'policies',
];

/**
 * Users by applications: a ticked cell is a grant. Ticking grants the
 * application under the policy above; unticking revokes the cell's grants.
 */
export function GrantsMatrix({ readOnly }: { readOnly: boolean }) {
  const [search, setSearch] = useState('');
  const [policy, setPolicy] = useState(EMPTY_POLICY);
  const users = useCatalogCall('catalog.users', { search }, ALL);
  const apps = useCatalogCall('catalog.applications', {}, ALL);
  const grants = useCatalogCall('catalog.grants', {}, ALL);
  const action = useCatalogAction();

  const cells = useMemo(() => {
    const map = new Map<string, GrantView[]>();
    for (const g of grants.data?.grants ?? []) {
      const key = `${g.user.name}\n${g.application.image}`;
      map.set(key, [...(map.get(key) ?? []), g]);
    }
    return map;
  }, [grants.data]);

  async function toggle(user: string, image: string, current: GrantView[]) {
    if (current.length === 0)
      await action.run('catalog.addGrant', { user, image, policy: policyInput(policy) });
    else for (const g of current) await action.run('catalog.removeGrant', { id: g.id });
  }

  const error = action.error ?? users.error ?? apps.error ?? grants.error;
  const appList = apps.data?.applications ?? [];
  const userList = users.data?.users ?? [];
  return (
    <div className="catalog-panel" aria-label="Grants">
      {!readOnly && <PolicyEditor form={policy} onChange={setPolicy} />}
      <ListToolbar
        searchLabel="Filter users"
        search={search}
        onSearch={setSearch}
        count={grants.data ? `${grants.data.grants.length} grant(s)` : ''}
      />
      {error && <ErrorNotice error={error} />}
      {appList.length === 0 || userList.length === 0 ? (
        <EmptyState title="Nothing to grant yet">
          Add users and applications (or import a CSV file) first.
        </EmptyState>
      ) : (
        <div className="matrix-scroll">
          <table className="grants-matrix">
            <thead>
              <tr>
                <th>User</th>
                {appList.map((a) => (
                  <th key={a.id} scope="col" title={a.image}>
                    <code>{a.image}</code>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {userList.map((u) => (
                <tr key={u.id} data-user={u.name}>
                  <th scope="row">{u.name}</th>
                  {appList.map((a) => {
                    const current = cells.get(`${u.name}\n${a.image}`) ?? [];
                    return (
                      <td
                        key={a.id}
                        data-image={a.image}
                        data-granted={current.length > 0}
                        title={current.map((g) => describePolicy(g.policy)).join('\n')}
                      >
                        <input
                          type="checkbox"
                          aria-label={`${u.name} may run ${a.image}`}
                          checked={current.length > 0}
                          disabled={readOnly || action.busy}
                          onChange={() => void toggle(u.name, a.image, current)}
                        />
                        {current.length > 1 && (
                          <span className="muted small">×{current.length}</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
