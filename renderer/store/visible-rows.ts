import type { ContainerView } from '../../src-core/api/containers';
import type { AppImageView } from '../../src-core/api/images';
import type { AppState } from './app-state';
import { containerKey, type ContainerKey } from './container-key';
import { applicationName } from './images-slice';
import type { ColumnId, Filters, Preferences } from './preferences-slice';

/** A table line: a container's key, or a group header (`GROUP` + user). */
export type TableItem = ContainerKey | `${typeof GROUP}${string}`;
export const GROUP = '\u0000';

export function isGroupItem(item: TableItem): item is `${typeof GROUP}${string}` {
  return item.startsWith(GROUP);
}

type SortValue = string | number;

function sortValue(
  c: ContainerView,
  column: ColumnId,
  index: Record<string, AppImageView>,
): SortValue {
  switch (column) {
    case 'user':
      return c.user;
    case 'application':
      return applicationName(index[c.image] ?? index[c.imageId], c.image).toLowerCase();
    case 'engine':
      return c.engine;
    case 'state':
      return c.state;
    case 'uptime':
      // Longest running first when ascending.
      return c.created;
    case 'url':
      return c.url ?? '';
  }
}

function matches(c: ContainerView, filters: Filters, app: string, needle: string): boolean {
  if (filters.states.length && !filters.states.includes(c.state)) return false;
  if (filters.engines.length && !filters.engines.includes(c.engine)) return false;
  if (filters.applications.length && !filters.applications.includes(app)) return false;
  if (!needle) return true;
  return [c.user, app, c.image, c.name, c.engine, c.state, c.urlId].some((v) =>
    v.toLowerCase().includes(needle),
  );
}

function compute(
  containers: Record<ContainerKey, ContainerView>,
  index: Record<string, AppImageView>,
  filters: Filters,
  prefs: Preferences,
): TableItem[] {
  const needle = filters.search.trim().toLowerCase();
  const { column, descending } = prefs.sort;
  const rows: Array<{ key: ContainerKey; user: string; value: SortValue }> = [];
  for (const c of Object.values(containers)) {
    const app = applicationName(index[c.image] ?? index[c.imageId], c.image);
    if (!matches(c, filters, app, needle)) continue;
    rows.push({
      key: containerKey(c.engine, c.id),
      user: c.user,
      value: sortValue(c, column, index),
    });
  }
  const direction = descending ? -1 : 1;
  rows.sort((a, b) => {
    if (prefs.groupByUser && a.user !== b.user) return a.user < b.user ? -1 : 1;
    if (a.value !== b.value) return (a.value < b.value ? -1 : 1) * direction;
    // Stable and total: equal values keep a fixed order across updates.
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  if (!prefs.groupByUser) return rows.map((r) => r.key);
  const items: TableItem[] = [];
  let user: string | null = null;
  for (const r of rows) {
    if (r.user !== user) items.push(`${GROUP}${(user = r.user)}`);
    items.push(r.key);
  }
  return items;
}

let last: {
  containers: AppState['containers'];
  index: AppState['imageIndex'];
  filters: Filters;
  prefs: Preferences;
  items: TableItem[];
} | null = null;

/**
 * The table's lines after search, filters, sort and grouping. Memoised on its
 * inputs; compare the result with `useShallow` so that a change that moves
 * no line does not re-render the table.
 */
export function selectTableItems(s: AppState): TableItem[] {
  if (
    last &&
    last.containers === s.containers &&
    last.index === s.imageIndex &&
    last.filters === s.filters &&
    last.prefs === s.preferences
  )
    return last.items;
  const items = compute(s.containers, s.imageIndex, s.filters, s.preferences);
  last = {
    containers: s.containers,
    index: s.imageIndex,
    filters: s.filters,
    prefs: s.preferences,
    items,
  };
  return items;
}

/** The containers a selection or the visible list names. */
export function rowKeys(items: TableItem[]): ContainerKey[] {
  return items.filter((i): i is ContainerKey => !isGroupItem(i));
}
