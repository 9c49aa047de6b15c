import { errorPayloadOf } from '../../src-core/api/errors';
import type { AppStore } from './app-store';
import type { ContainerChange } from './containers-slice';
import type { ContractLink } from './contract-link';

const HEARTBEAT_MS = 5_000;

/**
 * Keeps the store in step with the host: one listing at start, then only
 * per-container changes. Changes that arrive while a listing is in flight
 * are replayed on top of it, so that none is lost to the race.
 */
export function connectStore(store: AppStore, contract: ContractLink): () => void {
  let pending: ContainerChange[] | null = null;
  let listings = 0;

  async function listContainers(engine?: string) {
    pending = pending ?? [];
    listings += 1;
    try {
      const listing = await contract.call('containers.list', engine ? { engine } : {});
      store.getState().loadListing(listing);
      store.getState().setLoadError(null);
    } catch (error) {
      store.getState().setLoadError(errorPayloadOf(error));
    } finally {
      listings -= 1;
      if (listings === 0) {
        const replay = pending ?? [];
        pending = null;
        for (const change of replay) store.getState().applyChange(change);
      }
    }
  }

  async function listImages() {
    try {
      store.getState().loadImages(await contract.call('images.list', {}));
    } catch {
      // The launch form says so when it finds no image; the table falls back to image names.
    }
  }

  async function loadHistory() {
    try {
      const { operations } = await contract.call('operations.history', {});
      store.getState().loadHistory(operations);
    } catch {
      // The activity panel then shows only what is done from now on.
    }
  }

  async function loadCatalog() {
    try {
      const [{ users }, { grants }] = await Promise.all([
        contract.call('catalog.users', {}),
        contract.call('catalog.grants', {}),
      ]);
      store.getState().loadCatalog({ users: users.map((u) => u.name), grants });
    } catch (error) {
      store.getState().setCatalogError(errorPayloadOf(error));
    }
  }

  const offs = [
    contract.on('containers.changed', (change) => {
      if (pending) pending.push(change);
      else store.getState().applyChange(change);
    }),
    contract.on('engines.changed', (status) => {
      const before = store.getState().engines[status.id]?.state;
      store.getState().patchEngine(status);
      // Back from a loss: take the engine's list again, its stale rows become current.
      if (status.state === 'connected' && before !== undefined && before !== 'connected') {
        void listContainers(status.id);
        void listImages();
      }
    }),
    // Every few seconds, the rows whose last activity through the proxy moved on.
    contract.on('containers.activity', ({ changes }) => store.getState().applyActivity(changes)),
    contract.on('engines.removed', ({ id }) => store.getState().forgetEngine(id)),
    contract.on('engines.notLoaded', ({ engines }) => store.getState().setNotLoaded(engines)),
    contract.on('operations.progress', (progress) => store.getState().applyProgress(progress)),
    contract.on('operations.changed', ({ operation }) => store.getState().putOperation(operation)),
    // Readiness, and the URL a container gets once its app answered and the proxy routed it.
    contract.on('proxy.readiness', (event) => store.getState().applyReadiness(event)),
    contract.on('catalog.changed', ({ what }) => {
      if (what === 'catalog' || what === 'users' || what === 'grants') void loadCatalog();
    }),
  ];

  void (async () => {
    try {
      const { engines, notLoaded, realm } = await contract.call('engines.list', {});
      store.getState().setRealm(realm);
      store.getState().setEngines(engines);
      store.getState().setNotLoaded(notLoaded);
    } catch (error) {
      store.getState().setLoadError(errorPayloadOf(error));
    }
    await Promise.all([listContainers(), listImages(), loadCatalog(), loadHistory()]);
  })();

  // Events say nothing when the host goes away: ask now and then, so that a lost
  // connection is shown (DISCONNECTED) rather than a list that silently stops changing.
  const heartbeat = setInterval(() => {
    contract.call('engines.list', {}).then(
      () => {
        if (store.getState().loadError?.code === 'DISCONNECTED')
          store.getState().setLoadError(null);
      },
      (error) => {
        const payload = errorPayloadOf(error);
        if (payload.code === 'DISCONNECTED') store.getState().setLoadError(payload);
      },
    );
  }, HEARTBEAT_MS);

  return () => {
    clearInterval(heartbeat);
    offs.forEach((off) => off());
  };
}
