import type { ContainerView } from '../../src-core/api/containers';
import type { AppImageView } from '../../src-core/api/images';
import type { ContainerSample } from '../../src-core/api/stats';
import type { AppState } from './app-state';
import type { ContainerKey } from './container-key';
import { applicationName } from './images-slice';
import type { ColumnId, Filters, Preferences } from './preferences-slice';

/** A table line: a container's key, or a group header (`GROUP` + user). */
export type TableItem = ContainerKey | `${typeof GROUP}${string}`;
export const GROUP = '\u0000';

export function isGroupItem(item: TableItem): item is `${typeof GROUP}${string}` {
  return item.startsWith(GROUP);
}

type SortValue = string | number;

/** When the container was last used through the proxy; with no activity recorded, since its creation. */
function lastActiveMs(c: ContainerView): number {
  return c.lastActivity === null ? c.created * 1000 : Date.parse(c.lastActivity);
}

/** Columns sorted by the newest samples: their lines move with each batch. */
const SAMPLED: ColumnId[] = ['cpu', 'memory'];

function sortValue(
  c: ContainerView,
  column: ColumnId,
  index: Record<string, AppImageView>,
  sample: ContainerSample | undefined,
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
    // Not sampled (not running, or not yet): below any reading. CPU as its cell shows
    // it, so that idle containers' noise below 0.1% does not reorder them at each batch.
    case 'cpu':
      return sample ? Math.round(sample.cpuPercent * 10) / 10 : -1;
    case 'memory':
      return sample?.memoryBytes ?? -1;
    case 'uptime':
      // Longest running first when ascending.
      return c.created;
    case 'lastActive':
      // Idle longest first when ascending.
      return lastActiveMs(c);
    case 'url':
      return c.url ?? '';
  }
}

function matches(c: ContainerView, filters: Filters, app: string, needle: string): boolean {
  if (filters.states.length && !filters.states.includes(c.state)) return false;
  if (filters.engines.length && !filters.engines.includes(c.engine)) return false;
  if (filters.applications.length && !filters.applications.includes(app)) return false;
  if (
    filters.idleFor !== null &&
    (c.state !== 'running' || Date.now() - lastActiveMs(c) <= filters.idleFor * 1000)
  )
    return false;
  if (!needle) return true;
  return [c.user, app, c.image, c.name, c.engine, c.state, c.urlId].some((v) =>
    v.toLowerCase().includes(needle),
  );
}

interface Entry {
  c: ContainerView;
  visible: boolean;
  value: SortValue;
}

interface Computed {
  containers: AppState['containers'];
  index: AppState['imageIndex'];
  filters: Filters;
  prefs: Preferences;
  stats: AppState['stats'];
  entries: Map<string, Entry>;
  items: TableItem[];
}

function entryOf(
  c: ContainerView,
  index: Record<string, AppImageView>,
  filters: Filters,
  needle: string,
  column: ColumnId,
  sample: ContainerSample | undefined,
): Entry {
  const app = applicationName(index[c.image] ?? index[c.imageId], c.image);
  return {
    c,
    visible: matches(c, filters, app, needle),
    value: sortValue(c, column, index, sample),
  };
}

function compute(
  containers: Record<ContainerKey, ContainerView>,
  index: Record<string, AppImageView>,
  filters: Filters,
  prefs: Preferences,
  stats: AppState['stats'],
): Computed {
  const needle = filters.search.trim().toLowerCase();
  const entries = new Map<string, Entry>();
  for (const [key, c] of Object.entries(containers) as Array<[ContainerKey, ContainerView]>)
    entries.set(key, entryOf(c, index, filters, needle, prefs.sort.column, stats[key]?.latest));
  return { containers, index, filters, prefs, stats, entries, items: lines(entries, prefs) };
}

/** The shown entries in order, with the group headers. */
function lines(entries: Map<string, Entry>, prefs: Preferences): TableItem[] {
  const { descending } = prefs.sort;
  const rows: Array<{ key: ContainerKey; user: string; value: SortValue }> = [];
  for (const [key, entry] of entries)
    if (entry.visible)
      rows.push({ key: key as ContainerKey, user: entry.c.user, value: entry.value });
  const direction = descending ? -1 : 1;
  rows.sort((a, b) => {
    if (prefs.groupByUser && a.user !== b.user) return a.user < b.user ? -1 : 1;
    if (a.value !== b.value) return (a.value < b.value ? -1 : 1) * direction;
    // Stable and total: equal values keep a fixed order across updates.
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  let items: TableItem[] = rows.map((r) => r.key);
  if (prefs.groupByUser) {
    items = [];
    let user: string | null = null;
    for (const r of rows) {
      if (r.user !== user) items.push(`${GROUP}${(user = r.user)}`);
      items.push(r.key);
    }
  }
  return items;
}

/**
 * A batch of samples while sorted by them: the same lines, in their new
 * order; the same array when none moved.
 */
function resort(last: Computed, stats: AppState['stats']): void {
  const column = last.prefs.sort.column;
  for (const [key, entry] of last.entries)
    entry.value = sortValue(entry.c, column, last.index, stats[key as ContainerKey]?.latest);
  last.stats = stats;
  const items = lines(last.entries, last.prefs);
  if (items.some((item, i) => item !== last.items[i])) last.items = items;
}

/**
 * Whether `containers` differs from what `last` was computed on only in ways
 * that move no line: same keys, and every changed container still shown or
 * hidden as before, with the same sort value and user. Then the lines stand.
 */
function sameLines(last: Computed, containers: Record<ContainerKey, ContainerView>): boolean {
  const keys = Object.keys(containers) as ContainerKey[];
  if (keys.length !== last.entries.size) return false;
  const needle = last.filters.search.trim().toLowerCase();
  const column = last.prefs.sort.column;
  const updated: Array<[string, Entry]> = [];
  for (const key of keys) {
    const c = containers[key]!;
    const before = last.entries.get(key);
    if (!before) return false;
    if (before.c === c) continue;
    const entry = entryOf(c, last.index, last.filters, needle, column, last.stats[key]?.latest);
    if (
      entry.visible !== before.visible ||
      entry.value !== before.value ||
      c.user !== before.c.user
    )
      return false;
    updated.push([key, entry]);
  }
  for (const [key, entry] of updated) last.entries.set(key, entry);
  return true;
}

/**
 * A selector of the table's lines after search, filters, sort and grouping,
 * with its own memo (one per store). Memoised on its inputs, and the lines
 * kept as they are when a change moves none (a container's state changes
 * while sorted by user, say), so that one event does not re-sort thousands
 * of rows nor re-render the table.
 */
export function createTableItemsSelector(): (s: AppState) => TableItem[] {
  let last: Computed | null = null;
  return (s) => {
    if (
      last &&
      last.index === s.imageIndex &&
      last.filters === s.filters &&
      last.prefs === s.preferences
    ) {
      if (last.stats === s.stats || !SAMPLED.includes(last.prefs.sort.column)) {
        if (last.containers === s.containers) return last.items;
        if (sameLines(last, s.containers)) {
          last.containers = s.containers;
          return last.items;
        }
      } else if (last.containers === s.containers) {
        resort(last, s.stats);
        return last.items;
      }
    }
    last = compute(s.containers, s.imageIndex, s.filters, s.preferences, s.stats);
    return last.items;
  };
}

/** The containers a selection or the visible list names. */
export function rowKeys(items: TableItem[]): ContainerKey[] {
  return items.filter((i): i is ContainerKey => !isGroupItem(i));
}
