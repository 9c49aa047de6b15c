import { useEffect, useState } from 'react';
import type { Response } from '../../../src-core/api/contract';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { useServices } from '../../context/app-context';

export type Inspect = Response<'containers.inspect'>;

/** The container's inspect summary, asked again whenever its state changes. */
export function useInspect(engine: string, id: string, state: string) {
  const { contract } = useServices();
  const [result, setResult] = useState<{ data?: Inspect; error?: ErrorPayload }>({});
  useEffect(() => {
    let live = true;
    contract.call('containers.inspect', { engine, id }).then(
      (data) => live && setResult({ data }),
      (error) => live && setResult({ error: errorPayloadOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [contract, engine, id, state]);
  return result;
}
