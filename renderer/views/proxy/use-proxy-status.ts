import { useCallback, useEffect, useState } from 'react';
import type { Response } from '../../../src-core/api/contract';
import type { ErrorPayload } from '../../../src-core/api/errors';
import { useServices } from '../../app/app-context';
import { toErrorPayload } from '../../store/contract-port';

export type ProxyStatus = Response<'proxy.status'>;

/** The proxy's settings and address, read on mount and replaced by what a save returns. */
export function useProxyStatus() {
  const { port } = useServices();
  const [status, setStatus] = useState<ProxyStatus | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const reload = useCallback(() => {
    port.call('proxy.status', {}).then(
      (result) => {
        setStatus(result);
        setError(null);
      },
      (failure: unknown) => setError(toErrorPayload(failure)),
    );
  }, [port]);
  useEffect(reload, [reload]);
  return { status, error, setStatus };
}
