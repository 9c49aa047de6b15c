import { useEffect, useState } from 'react';
import type { Response } from '../../../src-core/api/contract';
import type { ErrorPayload } from '../../../src-core/api/errors';
import { useServices } from '../../app/app-context';
import type { LaunchSettings } from '../../store/actions';
import { toErrorPayload } from '../../store/contract-port';

export type PreviewState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; preview: Response<'containers.preview'> }
  | { state: 'failed'; error: ErrorPayload };

/** How long the form must rest before the core is asked again. */
const SETTLE_MS = 250;

/**
 * The core's dry run of the launch the form describes, asked again as the
 * form changes (once it is complete and valid), so that what is shown is
 * what the core would create, not a guess made here.
 */
export function useLaunchPreview(
  users: string[],
  settings: LaunchSettings,
  ready: boolean,
  /** Bumped when the engine's side changed (a launch), so that the same form is asked again. */
  revision: number,
): PreviewState {
  const { port } = useServices();
  const [state, setState] = useState<PreviewState>({ state: 'idle' });
  const key = ready ? JSON.stringify({ users, settings, revision }) : null;
  useEffect(() => {
    if (key === null) {
      setState({ state: 'idle' });
      return;
    }
    let current = true;
    setState({ state: 'loading' });
    const timer = setTimeout(() => {
      const request = JSON.parse(key) as { users: string[]; settings: LaunchSettings };
      port.call('containers.preview', { ...request.settings, users: request.users }).then(
        (preview) => current && setState({ state: 'ready', preview }),
        (error: unknown) => current && setState({ state: 'failed', error: toErrorPayload(error) }),
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, port]);
  return state;
}
