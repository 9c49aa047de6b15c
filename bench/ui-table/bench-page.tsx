import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ContainerView } from '../../src-core/api/containers';
import { AppProvider, type AppServices } from '../../renderer/context/app-context';
import { createAppStore } from '../../renderer/store/app-store';
import type { ContainerKey } from '../../renderer/store/container-key';
import type { ContractLink } from '../../renderer/store/contract-link';
import { ContainersView } from '../../renderer/views/containers/containers-view';
import { HISTORY_MS } from '../../renderer/store/stats-slice';
import { RowRenderProbe } from '../../renderer/views/containers/render-probe';
import '../../renderer/styles/app.css';
import { syntheticRealm, syntheticStats } from './synthetic-realm';

/**
 * The containers view alone in Chromium, with a store filled as the host
 * would fill it. No host answers here: the benchmark measures the renderer,
 * and nothing it times makes a call.
 */
const idle: ContractLink = {
  call: () => Promise.reject(new Error('no host in the benchmark page')),
  on: () => () => {},
};

let rendered = 0;
const countRow = () => void rendered++;

function mount(count: number) {
  const store = createAppStore(localStorage);
  store.getState().setEngines(
    ['local', 'remote'].map((id) => ({
      id,
      name: id,
      endpoint: id,
      state: 'connected' as const,
      dockerId: null,
      apiVersion: '1.41',
      latencyMs: 1,
      lastError: null,
      since: Date.now(),
      ip: '127.0.0.1',
      publishIp: '127.0.0.1',
    })),
  );
  const realm = syntheticRealm(count);
  store.getState().loadListing({
    engines: Object.entries(realm).map(([engine, containers]) => ({ engine, containers })),
  });
  const services: AppServices = { store, contract: idle, openUrl: () => {} };
  const host = document.createElement('div');
  host.className = 'bench-host';
  document.body.append(host);
  const root = createRoot(host);
  return { store, host, root, services };
}

async function rowsInDom(host: HTMLElement): Promise<number> {
  // The virtualiser lays out in a layout effect; if rows wait for a frame, the time includes it.
  for (let frames = 0; frames < 10; frames++) {
    const rows = host.querySelectorAll('.row[data-key]').length;
    if (rows > 0) return rows;
    await new Promise(requestAnimationFrame);
  }
  throw new Error('the table rendered no row');
}

/** Mounts the view over `count` containers; the time until its rows are in the DOM and laid out. */
async function firstRender(count: number) {
  const m = mount(count);
  const start = performance.now();
  flushSync(() =>
    m.root.render(
      <AppProvider services={m.services}>
        <ContainersView onLaunch={() => {}} />
      </AppProvider>,
    ),
  );
  const rows = await rowsInDom(m.host);
  m.host.getBoundingClientRect();
  const ms = performance.now() - start;
  return { ms, rows, m };
}

/** The floor: the same number of rows, same cells and text, rendered bare (no store, no virtualiser). */
function bareRender(rows: ContainerView[]) {
  const host = document.createElement('div');
  host.className = 'table';
  document.body.append(host);
  const root = createRoot(host);
  const start = performance.now();
  flushSync(() =>
    root.render(
      <div className="table-body">
        {rows.map((c) => (
          <div key={c.id} className="row" role="row">
            <span className="cell check">
              <input type="checkbox" readOnly checked={false} />
            </span>
            <span className="cell">{c.user}</span>
            <span className="cell">{c.image}</span>
            <span className="cell">{c.engine}</span>
            <span className="cell">
              <span className="badge">{c.state}</span>
            </span>
            <span className="cell">5m</span>
            <span className="cell">
              <a href={c.url ?? ''}>{c.url}</a>
            </span>
          </div>
        ))}
      </div>,
    ),
  );
  host.getBoundingClientRect();
  const ms = performance.now() - start;
  root.unmount();
  host.remove();
  return ms;
}

async function measureFirstRender(count: number, runs: number) {
  const ours: number[] = [];
  const floor: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const r = await firstRender(count);
    rows = r.rows;
    const shown = [...r.m.host.querySelectorAll<HTMLElement>('.row[data-key]')].map(
      (el) => r.m.store.getState().containers[el.dataset.key as ContainerKey]!,
    );
    r.m.root.unmount();
    r.m.host.remove();
    ours.push(r.ms);
    floor.push(bareRender(shown));
  }
  return { ours, floor, rows };
}

/** A store already sampling: HISTORY_MS of batches, one every 2 s, as the sparklines would have them. */
function fillStats(m: ReturnType<typeof mount>): () => void {
  let at = Date.now() - HISTORY_MS;
  const containers = Object.values(m.store.getState().containers);
  const next = () => {
    at += 2_000;
    m.store.getState().applyStats(syntheticStats(containers, at));
  };
  for (let i = 0; i < HISTORY_MS / 2_000; i++) next();
  return next;
}

/** The containers view again, each row render counted. */
function renderProbed(m: Awaited<ReturnType<typeof firstRender>>['m']) {
  flushSync(() =>
    m.root.render(
      <RowRenderProbe.Provider value={countRow}>
        <AppProvider services={m.services}>
          <ContainersView onLaunch={() => {}} />
        </AppProvider>
      </RowRenderProbe.Provider>,
    ),
  );
}

/**
 * One `stats.samples` batch (every running container, about 4,300 of the
 * 5,000) applied and drawn: the CPU and memory cells and sparklines of the
 * rows in view; sorted by CPU, the lines re-sorted too. The floor is a store
 * update that changes nothing.
 */
async function measureBatch(count: number, runs: number, byCpu: boolean) {
  const { m } = await firstRender(count);
  renderProbed(m);
  const next = fillStats(m);
  if (byCpu) flushSync(() => m.store.getState().sortBy('cpu'));
  await rowsInDom(m.host);
  const ours: number[] = [];
  const floor: number[] = [];
  const rowRenders: number[] = [];
  for (let i = 0; i < runs; i++) {
    rendered = 0;
    let start = performance.now();
    flushSync(next);
    m.host.getBoundingClientRect();
    ours.push(performance.now() - start);
    rowRenders.push(rendered);
    if (!m.host.querySelector('.row[data-key] .col-cpu canvas'))
      throw new Error('no sparkline in view');
    start = performance.now();
    flushSync(() => m.store.setState({}));
    m.host.getBoundingClientRect();
    floor.push(performance.now() - start);
  }
  m.root.unmount();
  m.host.remove();
  return { ours, floor, rowRenders };
}

/**
 * One `containers.changed` event for a row in view, against a store update
 * that changes nothing; with `stats`, while the store holds five minutes of
 * samples of every running container (the sparklines drawn).
 */
async function measureChange(count: number, runs: number, stats = false) {
  const { m } = await firstRender(count);
  if (stats) flushSync(fillStats(m));
  renderProbed(m);
  await rowsInDom(m.host);
  const ours: number[] = [];
  const floor: number[] = [];
  const rowRenders: number[] = [];
  for (let i = 0; i < runs; i++) {
    const keys = [...m.host.querySelectorAll<HTMLElement>('.row[data-key]')].map(
      (el) => el.dataset.key as ContainerKey,
    );
    const key = keys[i % keys.length]!;
    const before = m.store.getState().containers[key]!;
    const container: ContainerView = {
      ...before,
      state: before.state === 'running' ? 'exited' : 'running',
      status: before.state === 'running' ? 'Exited (137) 1 second ago' : 'Up 1 second',
    };
    rendered = 0;
    let start = performance.now();
    flushSync(() =>
      m.store.getState().applyChange({ engine: container.engine, kind: 'changed', container }),
    );
    m.host.getBoundingClientRect();
    ours.push(performance.now() - start);
    rowRenders.push(rendered);
    const shown = m.host.querySelector<HTMLElement>(`.row[data-key="${key}"]`)?.dataset.state;
    if (shown !== container.state)
      throw new Error(`row ${key} shows ${shown}, not ${container.state}`);
    start = performance.now();
    flushSync(() => m.store.setState({}));
    m.host.getBoundingClientRect();
    floor.push(performance.now() - start);
  }
  m.root.unmount();
  m.host.remove();
  return { ours, floor, rowRenders };
}

Object.assign(window, { measureFirstRender, measureChange, measureBatch });
document.body.dataset.ready = 'true';
