import { useEffect, useState } from 'react';
import type { ContainerStats, Series } from '../../store/stats-slice';

/** What the details keep: an hour at the default interval of 2 s. */
export const SESSION_POINTS = 1800;

const EMPTY: Series = { at: [], cpu: [], memory: [], rx: [], tx: [] };
const NAMES = ['at', 'cpu', 'memory', 'rx', 'tx'] as const;

/** `session` with the samples of `entry` newer than its last, the oldest dropped past SESSION_POINTS. */
export function extendSession(session: Series, entry: ContainerStats): Series {
  const last = session.at[session.at.length - 1] ?? -Infinity;
  let from = entry.end;
  while (from > entry.start && entry.series.at[from - 1]! > last) from -= 1;
  if (from === entry.end) return session;
  const drop = Math.max(0, session.at.length + (entry.end - from) - SESSION_POINTS);
  const next = {} as Series;
  for (const name of NAMES)
    next[name] = [...session[name].slice(drop), ...entry.series[name].slice(from, entry.end)];
  return next;
}

/**
 * The open container's samples over this session: the store's last minutes
 * when the details open, then each new batch's, up to SESSION_POINTS; kept
 * after the container stops, so that what led up to it stays in view.
 */
export function useSessionSeries(entry: ContainerStats | undefined): Series {
  const [session, setSession] = useState(() => (entry ? extendSession(EMPTY, entry) : EMPTY));
  useEffect(() => {
    if (entry) setSession((s) => extendSession(s, entry));
  }, [entry]);
  return session;
}
