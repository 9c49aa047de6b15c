import type { NotLoadedEngineView } from '../../../src-core/api/engines';

type SavedProfile = NotLoadedEngineView['profile'];

/** Where a saved profile points, as an operator would recognise it; the core did not get to resolve it. */
export function profileAddress(profile: SavedProfile): string {
  switch (profile.kind) {
    case 'socket':
      return profile.path ?? 'the default socket';
    case 'env':
      return 'DOCKER_HOST or DOCKER_CONTEXT of the app';
    case 'tcp':
      return `${profile.host}:${profile.port}${profile.tls ? ' (TLS)' : ''}`;
    case 'ssh':
      return `${profile.user ? `${profile.user}@` : ''}${profile.host}${profile.port ? `:${profile.port}` : ''}`;
    case 'context':
      return `context ${profile.context}`;
  }
}
