import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp, useServices } from '../../context/app-context';
import { COLUMNS, type ColumnId } from '../../store/preferences-slice';
import { isGroupItem, rowKeys, GROUP, type TableItem } from '../../store/visible-rows';
import { COLUMN_LABELS, gridTemplate } from './columns';
import { ContainerRow, ROW_HEIGHT } from './container-row';
import { GroupRow, GROUP_HEIGHT } from './group-row';

function groupCounts(items: TableItem[]): Map<string, number> {
  const counts = new Map<string, number>();
  let group: string | null = null;
  for (const item of items) {
    if (isGroupItem(item)) counts.set((group = item), 0);
    else if (group) counts.set(group, counts.get(group)! + 1);
  }
  return counts;
}

/**
 * The virtualised containers table: only the rows in view (plus a margin)
 * are in the DOM, so that thousands of containers stay smooth.
 */
export function ContainerTable({ items }: { items: TableItem[] }) {
  const { store } = useServices();
  const prefs = useApp((s) => s.preferences);
  const columns = useMemo(() => COLUMNS.filter((c) => prefs.columns[c]), [prefs.columns]);
  const counts = useMemo(
    () => (prefs.groupByUser ? groupCounts(items) : null),
    [items, prefs.groupByUser],
  );
  const allSelected = useApp(
    (s) => items.length > 0 && rowKeys(items).every((k) => s.selection[k] === true),
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (isGroupItem(items[i]!) ? GROUP_HEIGHT : ROW_HEIGHT),
    getItemKey: (i) => items[i]!,
    overscan: 8,
  });
  const template = gridTemplate(columns);

  return (
    <div
      className="table"
      role="grid"
      aria-rowcount={items.length}
      style={{ '--grid': template } as CSSProperties}
    >
      <div className="row header" role="row">
        <span className="cell check" role="columnheader">
          <input
            type="checkbox"
            aria-label="Select all shown containers"
            checked={allSelected}
            onChange={() => store.getState().setSelection(allSelected ? [] : rowKeys(items))}
          />
        </span>
        {columns.map((col) => (
          <SortHeader key={col} column={col} />
        ))}
      </div>
      <div className="table-body" ref={scroller}>
        <div className="table-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index]!;
            return isGroupItem(item) ? (
              <GroupRow
                key={item}
                user={item.slice(GROUP.length)}
                count={counts?.get(item) ?? 0}
                top={v.start}
              />
            ) : (
              <ContainerRow key={item} rowKey={item} top={v.start} columns={columns} />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function SortHeader({ column }: { column: ColumnId }) {
  const { store } = useServices();
  const sort = useApp(useShallow((s) => s.preferences.sort));
  const active = sort.column === column;
  return (
    <span
      className="cell"
      role="columnheader"
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" className="sort" onClick={() => store.getState().sortBy(column)}>
        {COLUMN_LABELS[column]}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort.descending ? '▼' : '▲') : ''}
        </span>
      </button>
    </span>
  );
}
