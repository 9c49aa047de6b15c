import type { Request, Response } from '../../src-core/api/contract';
import { errorPayloadOf, type ErrorPayload } from '../../src-core/api/errors';
import type { AppStore } from './app-store';
import { splitKey, type ContainerKey } from './container-key';
import type { ContractLink } from './contract-link';
import { newOperationId } from './operation-id';

export type LaunchSettings = Omit<Request<'containers.launch'>, 'user' | 'operationId'>;

export type LaunchOutcome =
  | { user: string; ok: true; result: Response<'containers.launch'> }
  | { user: string; ok: false; error: ErrorPayload };

/**
 * Launches one container per user, concurrently (the core bounds it), and
 * records the whole as one operation in the activity panel.
 */
export async function launchForUsers(
  store: AppStore,
  contract: ContractLink,
  users: string[],
  settings: LaunchSettings,
  appName: string,
  onOutcome: (outcome: LaunchOutcome) => void = () => {},
): Promise<LaunchOutcome[]> {
  const id = newOperationId('launch');
  const { beginOperation, finishOperation } = store.getState();
  beginOperation({
    id,
    kind: 'launch',
    title: `Launch ${appName} for ${users.length === 1 ? users[0] : `${users.length} users`}`,
    total: users.length,
  });
  const outcomes = await Promise.all(
    users.map(async (user): Promise<LaunchOutcome> => {
      let outcome: LaunchOutcome;
      try {
        outcome = {
          user,
          ok: true,
          result: await contract.call('containers.launch', { ...settings, user }),
        };
      } catch (error) {
        outcome = { user, ok: false, error: errorPayloadOf(error) };
      }
      store
        .getState()
        .recordItem(id, outcome.ok ? undefined : { item: user, error: outcome.error });
      onOutcome(outcome);
      return outcome;
    }),
  );
  finishOperation(id);
  return outcomes;
}

/** Stops (and removes) the given containers as one operation; progress arrives as events. */
export async function stopContainers(
  store: AppStore,
  contract: ContractLink,
  keys: ContainerKey[],
): Promise<Response<'containers.stop'>['results']> {
  const id = newOperationId('stop');
  const { beginOperation, finishOperation, containers } = store.getState();
  const first = containers[keys[0]!];
  beginOperation({
    id,
    kind: 'stop',
    title:
      keys.length === 1
        ? `Stop ${first?.user ?? ''} ${first?.name ?? keys[0]}`
        : `Stop ${keys.length} containers`,
    total: keys.length,
  });
  try {
    const { results } = await contract.call('containers.stop', {
      targets: keys.map(splitKey),
      operationId: id,
    });
    finishOperation(id, {
      errors: results.flatMap((r) =>
        r.ok ? [] : [{ item: `${r.engine}/${r.id}`, error: r.error }],
      ),
    });
    return results;
  } catch (error) {
    const payload = errorPayloadOf(error);
    finishOperation(id, { done: 0, errors: keys.map((item) => ({ item, error: payload })) });
    throw error;
  }
}
