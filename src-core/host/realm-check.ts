import type { Response } from '../api/contract';
import { errorPayloadOf, isCoreError } from '../api/errors';
import { GRANT_ID, fits } from '../api/ids';
import { findingKind, type Finding } from '../api/realm';
import type { RealmContainer } from '../realm/container';
import type { RealmManager } from '../realm/realm-manager';
import { defaultMappingId } from './default-mapping-id';
import type { HostServices } from './services';

/** The findings, and what could not be checked and why: an engine down, no proxy, an empty catalog. */
export type CheckReport = Response<'realm.check'>;

type CheckServices = Pick<HostServices, 'engines' | 'catalog' | 'proxy'>;

interface Held {
  engine: string;
  container: RealmContainer;
  /** The image's name as the container was made with it (the list shows an id once the name is gone). */
  image: string;
  imageGone: boolean;
}

const short = (id: string) => id.slice(0, 12);

/** Stopping a container that runs; removing one that does not. */
const fixFor = (c: RealmContainer): Finding['fix'] =>
  c.state === 'exited' || c.state === 'created' || c.state === 'dead' ? 'remove' : 'stop';

/**
 * Each engine's containers with their image names: a list entry shows the
 * image's id in place of its name when the name no longer leads to that
 * image, so only those containers are inspected, and their names looked up.
 */
async function heldOn(
  engine: string,
  manager: RealmManager,
  containers: RealmContainer[],
): Promise<Held[]> {
  const images = new Map<string, Promise<boolean>>();
  const gone = (name: string) => {
    if (!images.has(name))
      images.set(
        name,
        manager.image(name).then((image) => image === null),
      );
    return images.get(name)!;
  };
  const held = await Promise.all(
    containers.map(async (container): Promise<Held | null> => {
      let image = container.image;
      if (image === container.imageId || image.startsWith('sha256:')) {
        try {
          image = (await manager.inspectContainer(container.id)).container.image;
        } catch (error) {
          // Removed since the listing: nothing left to judge.
          if (isCoreError(error, 'NOT_FOUND')) return null;
          throw error;
        }
      }
      return { engine, container, image, imageGone: await gone(image) };
    }),
  );
  return held.filter((h) => h !== null);
}

/** All but one of each user's containers of one mapping id: the one running, else the newest, stays. */
function surplus(held: Held[]): Map<Held, string> {
  const groups = new Map<string, Held[]>();
  for (const h of held) {
    const { user, mappingId } = h.container;
    if (!user || !mappingId) continue;
    const key = `${user}\0${mappingId}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  const extra = new Map<Held, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const [kept, ...rest] = [...group].sort(
      (a, b) =>
        Number(b.container.state === 'running') - Number(a.container.state === 'running') ||
        b.container.created - a.container.created,
    );
    for (const h of rest)
      extra.set(
        h,
        `one of ${group.length} containers of ${h.container.user} for mapping id ${h.container.mappingId}; ${short(kept!.container.id)} on ${kept!.engine} stays`,
      );
  }
  return extra;
}

/** The open catalog's users and grants; null when there is none to judge by. */
function catalogOf(services: CheckServices, notChecked: CheckReport['notChecked']) {
  if (!services.catalog) {
    notChecked.push({ what: 'catalog', reason: 'no catalog is open in this host' });
    return null;
  }
  const catalog = services.catalog.catalog;
  const users = new Set(catalog.listUsers().map((u) => u.name));
  if (users.size === 0) {
    // Every container would be "gone" from it: launches made without a catalog are not judged.
    notChecked.push({ what: 'catalog', reason: `${catalog.source} has no users` });
    return null;
  }
  return { source: catalog.source, users, grants: new Set(catalog.listGrants().map((g) => g.id)) };
}

/** A container's finding besides duplicates: the first that applies, in the contract's order. */
function containerFinding(
  h: Held,
  catalog: ReturnType<typeof catalogOf>,
): Pick<Finding, 'kind' | 'detail' | 'fix'> | null {
  const c = h.container;
  if (catalog && !catalog.users.has(c.user))
    return {
      kind: 'user-gone',
      detail: `${c.user} is not a user of ${catalog.source}`,
      fix: fixFor(c),
    };
  // A launch without a grant has (user, image) for its mapping id: not a grant's.
  if (
    catalog &&
    fits(GRANT_ID, c.mappingId) &&
    c.mappingId !== defaultMappingId(c.user, h.image) &&
    !catalog.grants.has(c.mappingId)
  )
    return {
      kind: 'grant-gone',
      detail: `grant ${c.mappingId} is not in ${catalog.source}`,
      fix: fixFor(c),
    };
  if (h.imageGone)
    return { kind: 'image-gone', detail: `${h.image} is not on ${h.engine}`, fix: fixFor(c) };
  // A task on its way (placed, prepared, starting: after a launch or a drain) is Swarm's to finish.
  if (c.state === 'created' && c.service && !c.swarmError) return null;
  if (c.state === 'created')
    return {
      kind: 'never-started',
      // A service's task that has not run says why in Swarm's words (no suitable node...).
      detail: c.service ? `its task has not run: ${c.status}` : 'created, never started',
      fix: 'remove',
    };
  if (c.state === 'exited') return { kind: 'exited', detail: c.status, fix: 'relaunch' };
  return null;
}

/** The user and mapping id of a container the check listed. */
function whose(held: Held[], engine: string, id: string) {
  const c = held.find((h) => h.engine === engine && h.container.id === id)?.container;
  return c ? { user: c.user, mappingId: c.mappingId } : {};
}

/** The proxy's routes against the realm's ready containers (`proxy.reconcile`), as findings. */
async function routeFindings(
  services: CheckServices,
  held: Held[],
  notChecked: CheckReport['notChecked'],
): Promise<Finding[]> {
  if (!services.proxy) {
    notChecked.push({ what: 'routes', reason: 'no proxy runs in this host' });
    return [];
  }
  let report;
  try {
    report = await services.proxy.reconcile();
  } catch (error) {
    notChecked.push({ what: 'routes', reason: errorPayloadOf(error).message });
    return [];
  }
  return [
    ...report.orphanRoutes.map((r): Finding => ({
      kind: 'orphan-route',
      engine: r.engineId,
      id: r.containerId,
      route: r.prefix,
      detail: `to ${r.target}: ${r.reason}`,
      fix: 'route',
    })),
    ...report.unroutedContainers.map((r): Finding => ({
      kind: 'unrouted',
      engine: r.engineId,
      id: r.containerId,
      ...whose(held, r.engineId, r.containerId),
      route: r.prefix,
      detail: `no route to ${r.target}`,
      fix: 'route',
    })),
  ];
}

/**
 * The realm check: every engine's containers, the open catalog and the
 * proxy's routes compared. One finding a container at most (a duplicate
 * first, then its user, its grant, its image, its state), besides its route.
 * A container this host is starting or stopping right now is left out.
 */
export async function checkRealm(services: CheckServices): Promise<CheckReport> {
  const notChecked: CheckReport['notChecked'] = [];
  const listings = await services.engines.listAll();
  const held = (
    await Promise.all(
      listings.map(async ({ engineId, containers, error }) => {
        if (error) {
          notChecked.push({ what: 'engine', engine: engineId, reason: error.message });
          return [];
        }
        const manager = services.engines.manager(engineId);
        const idle = containers.filter((c) => !manager.busyWith(c));
        try {
          return await heldOn(engineId, manager, idle);
        } catch (failure) {
          notChecked.push({
            what: 'engine',
            engine: engineId,
            reason: errorPayloadOf(failure).message,
          });
          return [];
        }
      }),
    )
  ).flat();
  const catalog = catalogOf(services, notChecked);
  const extra = surplus(held);
  const findings: Finding[] = [];
  for (const h of held) {
    const duplicate = extra.get(h);
    const found = duplicate
      ? { kind: 'duplicate' as const, detail: duplicate, fix: fixFor(h.container) }
      : containerFinding(h, catalog);
    if (found)
      findings.push({
        ...found,
        engine: h.engine,
        id: h.container.id,
        user: h.container.user,
        mappingId: h.container.mappingId,
      });
  }
  findings.push(...(await routeFindings(services, held, notChecked)));
  const order = findingKind.options;
  findings.sort(
    (a, b) =>
      order.indexOf(a.kind) - order.indexOf(b.kind) ||
      a.engine.localeCompare(b.engine) ||
      (a.user ?? '').localeCompare(b.user ?? ''),
  );
  return { findings, notChecked };
}
