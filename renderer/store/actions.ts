import type { Request, Response } from '../../src-core/api/contract';
import { errorPayloadOf, type ErrorPayload } from '../../src-core/api/errors';
import { operationFailureOf } from '../../src-core/api/operations';
import type { Finding } from '../../src-core/api/realm';
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
  const title =
    keys.length === 1 ? `Stop ${titleOf(store, keys[0]!)}` : `Stop ${keys.length} containers`;
  const { results } = await runOperation(
    store,
    contract,
    { kind: 'stop', title, total: keys.length },
    (operationId) => contract.call('containers.stop', { targets: keys.map(splitKey), operationId }),
  );
  return results;
}

/** One container's name for a title: its user and name, else its key. */
function titleOf(store: AppStore, key: ContainerKey): string {
  const c = store.getState().containers[key];
  return c ? `${c.user} ${c.name}` : key;
}

/**
 * Relaunches the given containers as one operation: each launched again as
 * it was made, on its own engine, replacing it. Progress arrives as events.
 */
export async function relaunchContainers(
  store: AppStore,
  contract: ContractLink,
  keys: ContainerKey[],
): Promise<Response<'containers.relaunch'>['results']> {
  const title =
    keys.length === 1
      ? `Relaunch ${titleOf(store, keys[0]!)}`
      : `Relaunch ${keys.length} containers`;
  const { results } = await runOperation(
    store,
    contract,
    { kind: 'relaunch', title, total: keys.length },
    (operationId) =>
      contract.call('containers.relaunch', { targets: keys.map(splitKey), operationId }),
  );
  return results;
}

/** Applies the fix of each of the realm check's findings as one operation. */
export async function fixFindings(
  store: AppStore,
  contract: ContractLink,
  findings: Finding[],
): Promise<Response<'realm.fix'>['results']> {
  const title =
    findings.length === 1
      ? `Fix ${findings[0]!.kind} ${findings[0]!.route ?? findings[0]!.user ?? ''}`.trim()
      : `Fix ${findings.length} findings of the realm check`;
  const { results } = await runOperation(
    store,
    contract,
    { kind: 'fix', title, total: findings.length },
    (operationId) =>
      contract.call('realm.fix', {
        findings: findings.map(({ kind, engine, id }) => ({ kind, engine, id })),
        operationId,
      }),
  );
  return results;
}
