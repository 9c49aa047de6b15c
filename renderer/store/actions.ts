import type { Request, Response } from '../../src-core/api/contract';
import { errorPayloadOf, type ErrorPayload } from '../../src-core/api/errors';
import { operationFailureOf } from '../../src-core/api/operations';
import type { AppStore } from './app-store';
import { splitKey, type ContainerKey } from './container-key';
import type { ContractLink } from './contract-link';
import { newOperationId } from './operation-id';
import type { OperationKind } from './operations-slice';

/** The longest title the core's history takes. */
const TITLE_MAX = 200;

/**
 * Runs one of the operator's actions as an operation of the activity panel,
 * kept in the core's history: begun there before `run` makes its calls with
 * the operation's id (so that their progress counts), finished after. A
 * call that fails whole, or the error `unreported` finds in the result,
 * fails the items no call reported.
 */
export async function runOperation<T>(
  store: AppStore,
  contract: ContractLink,
  op: { kind: OperationKind; title: string; total: number },
  run: (operationId: string) => Promise<T>,
  unreported: (result: T) => ErrorPayload | undefined = () => undefined,
): Promise<T> {
  const id = newOperationId(op.kind);
  const begin = { ...op, title: op.title.slice(0, TITLE_MAX) };
  store.getState().beginOperation({ id, ...begin });
  const kept = await contract.call('operations.begin', { operationId: id, ...begin }).then(
    ({ operation }) => (store.getState().putOperation(operation), true),
    // The core keeps no record of it then: it is shown here only.
    () => false,
  );
  let failure: ErrorPayload | undefined;
  try {
    const result = await run(id);
    failure = unreported(result);
    return result;
  } catch (error) {
    failure = errorPayloadOf(error);
    throw error;
  } finally {
    const error = failure && operationFailureOf(failure);
    const finished =
      kept &&
      (await contract.call('operations.finish', { operationId: id, ...(error && { error }) }).then(
        ({ operation }) => (store.getState().putOperation(operation), true),
        () => false,
      ));
    if (!finished) store.getState().finishOperation(id, error);
  }
}

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
  const title = `Launch ${appName} for ${users.length === 1 ? users[0] : `${users.length} users`}`;
  return runOperation(
    store,
    contract,
    { kind: 'launch', title, total: users.length },
    (operationId) =>
      Promise.all(
        users.map(async (user): Promise<LaunchOutcome> => {
          let outcome: LaunchOutcome;
          try {
            outcome = {
              user,
              ok: true,
              result: await contract.call('containers.launch', { ...settings, user, operationId }),
            };
          } catch (error) {
            outcome = { user, ok: false, error: errorPayloadOf(error) };
          }
          onOutcome(outcome);
          return outcome;
        }),
      ),
    // Each launch the core began reports itself; one refused before that did not.
    (outcomes) => outcomes.find((o) => !o.ok)?.error,
  );
}

/** Stops (and removes) the given containers as one operation; progress arrives as events. */
export async function stopContainers(
  store: AppStore,
  contract: ContractLink,
  keys: ContainerKey[],
): Promise<Response<'containers.stop'>['results']> {
  const first = store.getState().containers[keys[0]!];
  const title =
    keys.length === 1
      ? `Stop ${first?.user ?? ''} ${first?.name ?? keys[0]}`
      : `Stop ${keys.length} containers`;
  const { results } = await runOperation(
    store,
    contract,
    { kind: 'stop', title, total: keys.length },
    (operationId) => contract.call('containers.stop', { targets: keys.map(splitKey), operationId }),
  );
  return results;
}
