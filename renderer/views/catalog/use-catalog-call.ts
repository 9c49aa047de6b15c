import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallName, EventPayload, Request, Response } from '../../../src-core/api/contract';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { useServices } from '../../context/app-context';

type Stale = EventPayload<'catalog.changed'>['what'];

/**
 * A catalog list, fetched on mount and again whenever the host says one of
 * `refreshOn` went stale (a change from this window or any other). A null
 * request fetches nothing.
 */
export function useCatalogCall<N extends CallName>(
  name: N,
  request: Request<N> | null,
  refreshOn: Stale[],
): { data: Response<N> | null; error: ErrorPayload | null; reload(): void } {
  const { contract } = useServices();
  const [data, setData] = useState<Response<N> | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const key = JSON.stringify(request);
  const latest = useRef(0);

  const reload = useCallback(() => {
    const ticket = ++latest.current;
    if (key === 'null') {
      setData(null);
      return;
    }
    contract.call(name, JSON.parse(key) as Request<N>).then(
      (result) => {
        // An older answer arriving after a newer one must not win.
        if (ticket !== latest.current) return;
        setData(result);
        setError(null);
      },
      (failure: unknown) => {
        if (ticket === latest.current) setError(errorPayloadOf(failure));
      },
    );
  }, [contract, name, key]);

  const stale = refreshOn.join(',');
  useEffect(() => {
    reload();
    const kinds = new Set(stale.split(','));
    return contract.on('catalog.changed', ({ what }) => {
      if (kinds.has(what) || what === 'catalog') reload();
    });
  }, [contract, reload, stale]);

  return { data, error, reload };
}

/** Runs a catalog change, keeping its error for the view to show. */
export function useCatalogAction() {
  const { contract } = useServices();
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <N extends CallName>(name: N, request: Request<N>): Promise<Response<N> | null> => {
      setBusy(true);
      try {
        const result = await contract.call(name, request);
        setError(null);
        return result;
      } catch (failure) {
        setError(errorPayloadOf(failure));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [contract],
  );
  return { run, error, busy, clear: () => setError(null) };
}
