import { useEffect, useState } from 'react';
import type { Response } from '../../../src-core/api/contract';
import type { ErrorPayload } from '../../../src-core/api/errors';
import { useServices } from '../../app/app-context';
import { toErrorPayload } from '../../store/contract-port';

export type Inspect = Response<'containers.inspect'>;

/** The container's inspect summary, asked again whenever its state changes. */
export function useInspect(engine: string, id: string, state: string) {
  const { port } = useServices();
  const [result, setResult] = useState<{ data?: Inspect; error?: ErrorPayload }>({});
  useEffect(() => {
    let live = true;
    port.call('containers.inspect', { engine, id }).then(
      (data) => live && setResult({ data }),
      (error) => live && setResult({ error: toErrorPayload(error) }),
    );
    return () => {
      live = false;
    };
  }, [port, engine, id, state]);
  return result;
}
