import { useState } from 'react';
import { LaunchView } from '../launch/launch-view';
import { GrantLaunch } from './grant-launch';

/** The Launch view: from the catalog's grants, or ad hoc (an image and settings typed in). */
export function LaunchTab({ onDone }: { onDone(): void }) {
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
