import { useEffect } from 'react';
import { useServices } from '../context/app-context';
import { holdStats } from '../store/stats-watch';

/** Resource use is sampled while a view that shows it is on screen (see holdStats). */
export function useSampling(): void {
  const { store, contract } = useServices();
  useEffect(() => holdStats(store, contract), [store, contract]);
}
