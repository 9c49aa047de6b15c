import type { AppState } from './app-state';
import { applicationName } from './images-slice';

/**
 * Figures derived from the whole realm, computed once per version of the
 * containers (and images) and shared by every view that asks, so that an
 * update that does not touch them costs nothing.
 */
const engineCounts = new WeakMap<AppState['containers'], Record<string, number>>();

export function selectEngineCounts(s: AppState): Record<string, number> {
  let counts = engineCounts.get(s.containers);
  if (!counts) {
    counts = {};
    for (const c of Object.values(s.containers)) counts[c.engine] = (counts[c.engine] ?? 0) + 1;
    engineCounts.set(s.containers, counts);
  }
  return counts;
}

export function selectContainerCount(s: AppState): number {
  return Object.values(selectEngineCounts(s)).reduce((a, b) => a + b, 0);
}

let names: {
  containers: AppState['containers'];
  index: AppState['imageIndex'];
  list: string[];
} | null = null;

/** The applications present in the realm, by their ui_name, sorted. */
export function selectApplicationNames(s: AppState): string[] {
  if (names?.containers === s.containers && names.index === s.imageIndex) return names.list;
  const set = new Set<string>();
  for (const c of Object.values(s.containers))
    set.add(applicationName(s.imageIndex[c.image] ?? s.imageIndex[c.imageId], c.image));
  names = { containers: s.containers, index: s.imageIndex, list: [...set].sort() };
  return names.list;
}
