import { expect } from 'vitest';
import { ContractError, type ContractClient } from '../../src-core/api/client';
import type { EventName, EventPayload } from '../../src-core/api/contract';

/** Every event of one name the client receives from now on, in arrival order. */
export function recordEvents<E extends EventName>(
  client: ContractClient,
  name: E,
): Array<EventPayload<E>> {
  const seen: Array<EventPayload<E>> = [];
  client.on(name, (payload) => seen.push(payload));
  return seen;
}

/** The ContractError a call must fail with; a call that succeeds fails the test. */
export async function contractFailure(call: Promise<unknown>): Promise<ContractError> {
  const error = await call.then(
    () => new Error('the call succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractError);
  return error as ContractError;
}
