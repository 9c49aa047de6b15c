import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallName, EventPayload, Request, Response } from '../../../src-core/api/contract';
import type { ErrorPayload } from '../../../src-core/api/errors';
import { useServices } from '../../app/app-context';
import { toErrorPayload } from '../../store/contract-port';

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
  const { port } = useServices();
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
    port.call(name, JSON.parse(key) as Request<N>).then(
      (result) => {
        // An older answer arriving after a newer one must not win.
        if (ticket !== latest.current) return;
        setData(result);
        setError(null);
      },
      (failure: unknown) => {
        if (ticket === latest.current) setError(toErrorPayload(failure));
      },
    );
  }, [port, name, key]);

  const stale = refreshOn.join(',');
  useEffect(() => {
    reload();
    const kinds = new Set(stale.split(','));
    return port.on('catalog.changed', ({ what }) => {
      if (kinds.has(what) || what === 'catalog') reload();
    });
  }, [port, reload, stale]);

  return { data, error, reload };
}

/** Runs a catalog change, keeping its error for the view to show. */
export function useCatalogAction() {
  const { port } = useServices();
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <N extends CallName>(name: N, request: Request<N>): Promise<Response<N> | null> => {
      setBusy(true);
      try {
        const result = await port.call(name, request);
        setError(null);
        return result;
      } catch (failure) {
        setError(toErrorPayload(failure));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [port],
  );
  return { run, error, busy, clear: () => setError(null) };
}
