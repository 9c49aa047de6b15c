import { useState } from 'react';
import { GrantLaunch } from '../views/catalog/grant-launch';
import { LaunchView } from '../views/launch/launch-view';

/**
 * The Launch tab's two modes: ad hoc (an image and settings typed in), or from
 * the catalog's grants. Composed here, above the views, so that neither view
 * imports the other.
 */
export function LaunchModes({ onDone }: { onDone(): void }) {
  const [mode, setMode] = useState<'adhoc' | 'grants'>('adhoc');
  return (
    <>
      <div className="tabs launch-mode" role="tablist" aria-label="Launch mode">
        {(
          [
            ['adhoc', 'Image and settings'],
            ['grants', 'From grants'],
          ] as const
        ).map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={mode === id}
            onClick={() => setMode(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {mode === 'adhoc' ? <LaunchView onDone={onDone} /> : <GrantLaunch />}
    </>
  );
}
