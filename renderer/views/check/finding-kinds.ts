import type { Finding, FindingKind } from '../../../src-core/api/realm';

/** How the Check view names each kind of finding, and what it means for the operator. */
export const KINDS: Record<FindingKind, { title: string; about: string }> = {
  duplicate: {
    title: 'Duplicates',
    about:
      'More than one container of one user and mapping id, which simphony-remote refuses to pick from. The one running (else the newest) stays.',
  },
  'user-gone': { title: 'Users gone', about: 'Their user is not in the open catalog.' },
  'grant-gone': {
    title: 'Grants gone',
    about: 'The grant they were launched for is not in the open catalog.',
  },
  'image-gone': {
    title: 'Images gone',
    about: 'The image they were made of is no longer on their engine: they cannot be relaunched.',
  },
  'never-started': {
    title: 'Never started',
    about: 'Created and never started, as a start that failed half-way leaves them.',
  },
  exited: {
    title: 'Exited',
    about: 'Stopped, as a reboot or a daemon restart leaves them: relaunched as they were made.',
  },
  'orphan-route': {
    title: 'Routes without a container',
    about: "The realm's routes in the proxy that lead to no ready container.",
  },
  unrouted: {
    title: 'Containers without a route',
    about: 'Ready, but the proxy does not route to them.',
  },
};

/** Each fix as a button says it. */
export const FIX_LABEL: Record<Finding['fix'], string> = {
  stop: 'Stop',
  remove: 'Remove',
  relaunch: 'Relaunch',
  route: 'Fix route',
};

/** A finding as results and rows are keyed. */
export const findingKey = (f: Pick<Finding, 'kind' | 'engine' | 'id'>) =>
  `${f.kind}/${f.engine}/${f.id}`;
