import { useShallow } from 'zustand/react/shallow';
import { useApp, useServices } from '../../context/app-context';
import { COLUMNS, type Filters } from '../../store/preferences-slice';
import { COLUMN_LABELS } from './columns';

const STATES = ['running', 'created', 'restarting', 'paused', 'exited', 'dead'];
/** Idle times to filter by, in seconds. */
const IDLE_FOR: Array<[number, string]> = [
  [15 * 60, '15 minutes'],
  [60 * 60, '1 hour'],
  [4 * 60 * 60, '4 hours'],
  [24 * 60 * 60, '1 day'],
];

/** Search, filters, grouping and the column chooser above the table. */
export function ContainersToolbar({ shown, total }: { shown: number; total: number }) {
  const { store } = useServices();
  const filters = useApp((s) => s.filters);
  const prefs = useApp((s) => s.preferences);
  const engines = useApp(useShallow((s) => s.engineOrder));
  // Compared item by item: a container's change re-renders the toolbar only if the list changes.
  const apps = useApp(useShallow(store.derived.applicationNames));
  const set = (patch: Partial<Filters>) => store.getState().setFilters(patch);

  return (
    <div className="toolbar">
      <div className="search">
        <input
          id="container-search"
          type="search"
          placeholder="Search user, application, engine…"
          aria-label="Search containers"
          value={filters.search}
          onChange={(e) => set({ search: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              set({ search: '' });
              e.currentTarget.blur();
            }
          }}
        />
        <kbd className="search-key" title="Press / to search">
          /
        </kbd>
      </div>
      <FilterSelect
        label="State"
        value={filters.states[0]}
        options={STATES}
        onChange={(v) => set({ states: v ? [v] : [] })}
      />
      <FilterSelect
        label="Engine"
        value={filters.engines[0]}
        options={engines}
        onChange={(v) => set({ engines: v ? [v] : [] })}
      />
      <FilterSelect
        label="Application"
        value={filters.applications[0]}
        options={apps}
        onChange={(v) => set({ applications: v ? [v] : [] })}
      />
      <select
        aria-label="Filter by idle time"
        title="Running and not used through the proxy for more than this"
        value={filters.idleFor ?? ''}
        onChange={(e) => set({ idleFor: e.target.value ? Number(e.target.value) : null })}
      >
        <option value="">Active or idle</option>
        {IDLE_FOR.map(([seconds, label]) => (
          <option key={seconds} value={seconds}>
            {`Idle for more than ${label}`}
          </option>
        ))}
      </select>
      <label className="toggle">
        <input
          type="checkbox"
          checked={prefs.groupByUser}
          onChange={(e) => store.getState().setGroupByUser(e.target.checked)}
        />
        Group by user
      </label>
      <details className="menu">
        <summary>Columns</summary>
        <div className="menu-body">
          {COLUMNS.map((col) => (
            <label key={col}>
              <input
                type="checkbox"
                checked={prefs.columns[col]}
                onChange={(e) => store.getState().setColumnShown(col, e.target.checked)}
              />
              {COLUMN_LABELS[col]}
            </label>
          ))}
        </div>
      </details>
      <span className="count" aria-live="polite">
        {shown === total ? `${total} container${total === 1 ? '' : 's'}` : `${shown} of ${total}`}
      </span>
    </div>
  );
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: string[];
  onChange(value: string): void;
}) {
  return (
    <select
      aria-label={`Filter by ${label.toLowerCase()}`}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{`All ${label.toLowerCase()}s`}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}
