import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../context/app-context';

const RESOLUTIONS = ['1024x768', '1280x1024', '1920x1080', '2560x1440'];

/** Where a launch may go: any engine (per user, the least loaded), or a connected one. */
export function EngineOptions() {
  const engines = useApp(useShallow((s) => s.engineOrder.map((id) => s.engines[id]!)));
  return (
    <>
      <option value="any">Any (least loaded)</option>
      {engines.map((e) => (
        <option key={e.id} value={e.id} disabled={e.state !== 'connected'}>
          {e.name} {e.state !== 'connected' ? `(${e.state})` : ''}
        </option>
      ))}
    </>
  );
}

/** The resolutions offered to an image that takes one; empty keeps the image's own. */
export function ResolutionOptions() {
  return (
    <>
      <option value="">Image default</option>
      {RESOLUTIONS.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </>
  );
}
