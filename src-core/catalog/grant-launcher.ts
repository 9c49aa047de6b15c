import { CoreError, errorPayloadOf, isCoreError, type ErrorPayload } from '../api/errors';
import type { RealmContainer } from '../realm/container';
import type { RealmManager } from '../realm/realm-manager';
import type { AppImage } from '../realm/image';
import type { VolumeSpec } from '../realm/start-request';
import type { Launcher } from '../engines/launcher';
import type { Catalog } from './catalog';
import type { Grant } from './catalog-rows';
import { validateGrantId, validateImageName, validateUserName } from './names';
import { startRequestForGrant, type GrantLaunchOptions } from './grant-start-request';

export type LaunchState = 'queued' | 'starting' | 'running' | 'failed';

/** One user's launch, as it moves along; the last one sent is `running` or `failed`. */
export interface LaunchProgress {
  /** Null when the user has no grant to launch. */
  grantId: string | null;
  /** Empty when the grant asked for does not exist. */
  user: string;
  image: string;
  /** The engine it goes to; null when there is nothing to launch. */
  engine: string | null;
  state: LaunchState;
  container?: RealmContainer;
  /** Bind sources that did not exist on the engine's host and were not mounted. */
  skippedVolumes?: VolumeSpec[];
  error?: ErrorPayload;
}

export interface LaunchManyOptions extends GrantLaunchOptions {
  /** How many launches run at once (the manager bounds its Docker calls as well). */
  concurrency?: number;
  onProgress?: (progress: LaunchProgress) => void;
}

/** Where the launches go: an engine id, or "any" for each its own (see Launcher). */
export interface GrantLaunchEngines {
  launcher: Pick<Launcher, 'launchAll'>;
  choice: string;
}

const MAX_LAUNCH = 1000;

type Target =
  { grant: Grant } | { grantId: string | null; user: string; image: string; error: CoreError };

/**
 * Launches grants, many at once with bounded concurrency, each reported to
 * `onProgress` as it goes. A failure (an unknown grant, a missing image, a
 * container that will not start) is that user's outcome only: the others
 * carry on. Resolves with every outcome, in the order asked.
 */
export function launchGrants(
  catalog: Catalog,
  engines: GrantLaunchEngines,
  grantIds: string[],
  options: LaunchManyOptions = {},
): Promise<LaunchProgress[]> {
  if (!Array.isArray(grantIds) || grantIds.length === 0 || grantIds.length > MAX_LAUNCH)
    throw CoreError.validation('grantIds', `must list 1 to ${MAX_LAUNCH} grant ids`);
  if (new Set(grantIds).size !== grantIds.length)
    throw CoreError.validation('grantIds', 'must not list a grant twice');
  const targets: Target[] = grantIds.map((id, i) => {
    try {
      return { grant: catalog.grant(validateGrantId(id, `grantIds[${i}]`)) };
    } catch (error) {
      if (!isCoreError(error)) throw error;
      return { grantId: typeof id === 'string' ? id : null, user: '', image: '', error };
    }
  });
  return launchTargets(engines, targets, options);
}

/**
 * Launches one application for many users, each through their own grant of
 * it (its id is their mapping id). A user without such a grant, or with
 * several under different policies when `policyId` does not choose, fails
 * alone.
 */
export function launchForUsers(
  catalog: Catalog,
  engines: GrantLaunchEngines,
  request: { image: string; policyId?: number; users: string[] },
  options: LaunchManyOptions = {},
): Promise<LaunchProgress[]> {
  const image = validateImageName(request?.image);
  const users = request.users;
  if (!Array.isArray(users) || users.length === 0 || users.length > MAX_LAUNCH)
    throw CoreError.validation('users', `must list 1 to ${MAX_LAUNCH} users`);
  users.forEach((user, i) => validateUserName(user, `users[${i}]`));
  if (new Set(users).size !== users.length)
    throw CoreError.validation('users', 'must not list a user twice');
  const byUser = new Map<string, Grant[]>();
  for (const grant of catalog.listGrants({ image }))
    if (request.policyId === undefined || grant.policy.id === request.policyId)
      byUser.set(grant.user.name, [...(byUser.get(grant.user.name) ?? []), grant]);
  const targets = users.map((user): Target => {
    const grants = byUser.get(user) ?? [];
    if (grants.length === 1) return { grant: grants[0]! };
    const error =
      grants.length === 0
        ? new CoreError('NOT_FOUND', `${user} has no grant of ${image}`, { field: 'users' })
        : new CoreError(
            'MULTIPLE_RESULTS',
            `${user} has ${grants.length} grants of ${image}: choose a policy`,
            { field: 'policyId', grantIds: grants.map((g) => g.id) },
          );
    return { grantId: null, user, image, error };
  });
  return launchTargets(engines, targets, options);
}

async function launchTargets(
  { launcher, choice }: GrantLaunchEngines,
  targets: Target[],
  options: LaunchManyOptions,
): Promise<LaunchProgress[]> {
  const report = (progress: LaunchProgress) => {
    options.onProgress?.(progress);
    return progress;
  };
  // One inspect per image and engine, however many users launch it there.
  const images = new Map<string, Promise<AppImage | null>>();
  const imageOf = (engine: string, manager: RealmManager, name: string) => {
    const key = `${engine}\0${name}`;
    if (!images.has(key)) images.set(key, manager.image(name));
    return images.get(key)!;
  };
  const grants = targets.flatMap((target) => ('grant' in target ? [target.grant] : []));
  const about = (grant: Grant) => ({
    grantId: grant.id,
    user: grant.user.name,
    image: grant.application.image,
  });
  const launched = launcher.launchAll(
    choice,
    grants.map((grant) => ({
      user: grant.user.name,
      mappingId: grant.id,
      request: async (engine, manager) => {
        const image = await imageOf(engine, manager, grant.application.image);
        if (!image)
          throw new CoreError(
            'IMAGE_NOT_FOUND',
            `image: "${grant.application.image}" is not on this engine`,
            { field: 'image', reason: 'not found' },
          );
        return startRequestForGrant(grant, image, options);
      },
    })),
    {
      ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
      onStep: (i, step) => report({ ...about(grants[i]!), ...step }),
    },
  );
  const unlaunchable = targets.map((target) =>
    'grant' in target
      ? null
      : report({
          grantId: target.grantId,
          user: target.user,
          image: target.image,
          engine: null,
          state: 'failed',
          error: target.error.toPayload(),
        }),
  );
  const steps = await launched;
  let next = 0;
  return unlaunchable.map((failed) => failed ?? { ...about(grants[next]!), ...steps[next++]! });
}

export interface StopOutcome {
  id: string;
  user: string;
  mappingId: string;
  removed: boolean;
  error?: ErrorPayload;
}

async function stopAll(
  manager: RealmManager,
  containers: RealmContainer[],
): Promise<StopOutcome[]> {
  return Promise.all(
    containers.map(async (c) => {
      const base = { id: c.id, user: c.user, mappingId: c.mappingId };
      try {
        const { removed } = await manager.stopAndRemoveContainer(c.id);
        return { ...base, removed };
      } catch (error) {
        return { ...base, removed: false, error: errorPayloadOf(error) };
      }
    }),
  );
}

/** Stops and removes every container of the user in the manager's realm, in any state. */
export async function stopUserContainers(
  manager: RealmManager,
  user: string,
): Promise<StopOutcome[]> {
  return stopAll(manager, await manager.findContainers({ user: validateUserName(user) }));
}

/**
 * Stops and removes every container of an application in the manager's
 * realm: those launched for one of its grants, and any other of its image.
 */
export async function stopApplicationContainers(
  catalog: Catalog,
  manager: RealmManager,
  image: string,
): Promise<StopOutcome[]> {
  const name = validateImageName(image);
  const grantIds = new Set(catalog.listGrants({ image: name }).map((g) => g.id));
  const containers = (await manager.listContainers()).filter(
    (c) => grantIds.has(c.mappingId) || c.image === name,
  );
  return stopAll(manager, containers);
}
