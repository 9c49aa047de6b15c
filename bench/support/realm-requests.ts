import { RUNINFO } from '../../src-core/realm/labels';
import { IMAGES } from '../../test/support/fixture-images';

/** What a launched container n of a realm carries: the webapp image and the manager's labels. */
function labelledContainer(realm: string, n: number) {
  return {
    Image: IMAGES.webapp,
    Labels: {
      [RUNINFO.realm]: realm,
      [RUNINFO.user]: `user${n}`,
      [RUNINFO.mappingId]: `m${n}`,
      [RUNINFO.urlId]: `u${n}`,
      [RUNINFO.urlpath]: `/user/user${n}/containers/u${n}`,
    },
  };
}

/**
 * Creates `count` labelled containers, `batch` at a time. Created, never
 * started: cheap to make, and listed with their state all the same.
 */
export async function fillRealm(
  create: (body: ReturnType<typeof labelledContainer>) => Promise<unknown>,
  realm: string,
  count: number,
  batch: number,
): Promise<void> {
  for (let i = 0; i < count; i += batch)
    await Promise.all(
      Array.from({ length: batch }, (_, k) => create(labelledContainer(realm, i + k))),
    );
}

/** The floor of every listing: one raw filtered GET /containers/json of the realm. */
export function realmListPath(realm: string): string {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${RUNINFO.realm}=${realm}`] }));
  return `/containers/json?all=1&filters=${filters}`;
}

/** The raw create body of a launch: the image with the realm's label and 8888 published. */
export function rawLaunchBody(realm: string, env?: string[]) {
  return {
    Image: IMAGES.webapp,
    ...(env && { Env: env }),
    Labels: { [RUNINFO.realm]: realm },
    ExposedPorts: { '8888/tcp': {} },
    HostConfig: { PortBindings: { '8888/tcp': [{ HostPort: '' }] } },
  };
}
