/** A container's or an engine's state as a coloured badge; the text is the state itself. */
export function StateBadge({ state, stale = false }: { state: string; stale?: boolean }) {
  return (
    <span className={`badge state-${state}${stale ? ' stale' : ''}`} data-state={state}>
      <span className="dot" aria-hidden="true" />
      {state}
    </span>
  );
}
