import type { AppStore } from './app-store';
import type { ContractLink } from './contract-link';
import { newOperationId } from './operation-id';

interface Watch {
  holders: number;
  stop: (() => void) | null;
}

const watches = new WeakMap<AppStore, Watch>();

function start(store: AppStore, contract: ContractLink): () => void {
  const watchId = newOperationId('stats');
  // Listening first: the watch id is ours, so no batch of it can come before.
  const off = contract.on('stats.samples', (batch) => {
    if (batch.watchId === watchId) store.getState().applyStats(batch);
  });
  // A host without a sampler (or gone) leaves the columns empty; the rows say "—".
  contract.call('stats.watch', { watchId }).catch(() => undefined);
  return () => {
    off();
    void contract.call('stats.unwatch', { watchId }).catch(() => undefined);
    store.getState().clearStats();
  };
}

/**
 * Samples the realm while someone looks: a view holds this while it is shown
 * and lets go when hidden. One `stats.watch` serves every holder of a store
 * (the table and the details read the same batches); it stops when the last
 * lets go, unless another takes hold within the same task (one view replacing
 * another), and the samples go with it: nothing shown is left to go stale.
 */
export function holdStats(store: AppStore, contract: ContractLink): () => void {
  let watch = watches.get(store);
  if (!watch) watches.set(store, (watch = { holders: 0, stop: null }));
  watch.holders += 1;
  watch.stop ??= start(store, contract);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    watch.holders -= 1;
    queueMicrotask(() => {
      if (watch.holders > 0 || !watch.stop) return;
      watch.stop();
      watch.stop = null;
    });
  };
}
