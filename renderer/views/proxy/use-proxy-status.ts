import { useCallback, useEffect, useState } from 'react';
import type { Response } from '../../../src-core/api/contract';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { useServices } from '../../context/app-context';

export type ProxyStatus = Response<'proxy.status'>;

/** The proxy's settings and address, read on mount and replaced by what a save returns. */
export function useProxyStatus() {
  const { contract } = useServices();
  const [status, setStatus] = useState<ProxyStatus | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const reload = useCallback(() => {
    contract.call('proxy.status', {}).then(
      (result) => {
        setStatus(result);
        setError(null);
      },
      (failure: unknown) => setError(errorPayloadOf(failure)),
    );
  }, [contract]);
  useEffect(reload, [reload]);
  return { status, error, setStatus };
}
