/** A container's or an engine's state as a coloured badge, in words (`not-loaded` reads "not loaded"). */
export function StateBadge({ state, stale = false }: { state: string; stale?: boolean }) {
  return (
    <span className={`badge state-${state}${stale ? ' stale' : ''}`} data-state={state}>
      <span className="dot" aria-hidden="true" />
      {state.replace('-', ' ')}
    </span>
  );
}
