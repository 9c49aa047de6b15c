import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../context/app-context';

type Stop = (engine: string) => Promise<{ results: Array<{ removed: boolean }> } | null>;

/**
 * Runs a catalog stop (a user's or an application's containers) on every
 * connected engine, one after the other; resolves how many were removed.
 */
export function useStopEverywhere() {
  const engines = useApp(
    useShallow((s) => s.engineOrder.filter((id) => s.engines[id]!.state === 'connected')),
  );
  return {
    available: engines.length > 0,
    async run(stop: Stop): Promise<number> {
      let removed = 0;
      for (const engine of engines)
        removed += (await stop(engine))?.results.filter((r) => r.removed).length ?? 0;
      return removed;
    },
  };
}
