import { useEffect, useState } from 'react';
import type { Response } from '../../../src-core/api/contract';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { useServices } from '../../context/app-context';
import type { LaunchSettings } from '../../store/actions';

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
  const { contract } = useServices();
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
      contract.call('containers.preview', { ...request.settings, users: request.users }).then(
        (preview) => current && setState({ state: 'ready', preview }),
        (error: unknown) => current && setState({ state: 'failed', error: errorPayloadOf(error) }),
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, contract]);
  return state;
}
