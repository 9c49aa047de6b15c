import { createContext } from 'react';

/**
 * Told of every row render, by the benchmark that counts them; null in the
 * app. A context so that the counting costs the rows nothing when absent.
 */
export const RowRenderProbe = createContext<((rowKey: string) => void) | null>(null);
