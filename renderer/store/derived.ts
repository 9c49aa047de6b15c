import type { AppState } from './app-state';
import type { ContainerKey } from './container-key';
import { applicationName } from './images-slice';
import { createTableItemsSelector, type TableItem } from './visible-rows';

/**
 * Figures derived from the whole realm, computed once per version of the
 * containers (and images) and shared by every view that asks, so that an
 * update that does not touch them costs nothing. Each store makes its own
 * set: two stores (two windows, two tests) never share a memo.
 */
export interface Derived {
  engineCounts(s: AppState): Record<string, number>;
  containerCount(s: AppState): number;
  /** The applications present in the realm, by their ui_name, sorted. */
  applicationNames(s: AppState): string[];
  /** The table's lines after search, filters, sort and grouping. */
  tableItems(s: AppState): TableItem[];
  /** The exited containers on connected engines, where a relaunch can go. */
  exitedKeys(s: AppState): ContainerKey[];
}

export function createDerived(): Derived {
  const counts = new WeakMap<AppState['containers'], Record<string, number>>();
  let exited: {
    containers: AppState['containers'];
    engines: AppState['engines'];
    keys: ContainerKey[];
  } | null = null;
  let names: {
    containers: AppState['containers'];
    index: AppState['imageIndex'];
    list: string[];
  } | null = null;

  function engineCounts(s: AppState): Record<string, number> {
    let byEngine = counts.get(s.containers);
    if (!byEngine) {
      byEngine = {};
      for (const c of Object.values(s.containers))
        byEngine[c.engine] = (byEngine[c.engine] ?? 0) + 1;
      counts.set(s.containers, byEngine);
    }
    return byEngine;
  }

  return {
    engineCounts,
    containerCount: (s) => Object.values(engineCounts(s)).reduce((a, b) => a + b, 0),
    applicationNames: (s) => {
      if (names?.containers === s.containers && names.index === s.imageIndex) return names.list;
      const set = new Set<string>();
      for (const c of Object.values(s.containers))
        set.add(applicationName(s.imageIndex[c.image] ?? s.imageIndex[c.imageId], c.image));
      names = { containers: s.containers, index: s.imageIndex, list: [...set].sort() };
      return names.list;
    },
    tableItems: createTableItemsSelector(),
    exitedKeys: (s) => {
      if (exited?.containers === s.containers && exited.engines === s.engines) return exited.keys;
      const keys = (Object.keys(s.containers) as ContainerKey[]).filter((key) => {
        const c = s.containers[key]!;
        return c.state === 'exited' && s.engines[c.engine]?.state === 'connected';
      });
      exited = { containers: s.containers, engines: s.engines, keys };
      return keys;
    },
  };
}
