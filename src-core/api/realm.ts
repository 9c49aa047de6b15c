import { z } from 'zod';
import { call } from './define';
import { callerId, containerId, engineId, errorPayload } from './fields';

/**
 * What the realm check finds, one kind a container (the first that applies,
 * in this order) besides the routes:
 * - `duplicate`: more than one container of one user and mapping id (on
 *   which simphony-remote's `find_container` raises); all but one;
 * - `user-gone`, `grant-gone`: its user is not in the open catalog, or its
 *   mapping id is a grant's id that the catalog no longer has;
 * - `image-gone`: the image it was made of is not on its engine by name;
 * - `never-started`: created, never started;
 * - `exited`: stopped (a host reboot, a daemon restart);
 * - `orphan-route`: one of the realm's routes leads to no ready container;
 * - `unrouted`: a ready container has no route.
 */
export const findingKind = z.enum([
  'duplicate',
  'user-gone',
  'grant-gone',
  'image-gone',
  'never-started',
  'exited',
  'orphan-route',
  'unrouted',
]);

export type FindingKind = z.infer<typeof findingKind>;

/** A finding's one fix: stop or remove the container, relaunch it, or add or remove its route. */
export const findingFix = z.enum(['stop', 'remove', 'relaunch', 'route']);

export const finding = z.object({
  kind: findingKind,
  engine: z.string(),
  /** The container; for an orphan route, the one it was made for. */
  id: z.string(),
  user: z.string().optional(),
  mappingId: z.string().optional(),
  /** The route's path, for the route kinds. */
  route: z.string().optional(),
  detail: z.string(),
  fix: findingFix,
});

export type Finding = z.infer<typeof finding>;

/** A finding as a fix names it: the check runs again and fixes it if it still finds it. */
const findingRef = z.strictObject({ kind: findingKind, engine: engineId, id: containerId });

const fixOutcome = z.discriminatedUnion('ok', [
  z.object({
    kind: findingKind,
    engine: z.string(),
    id: z.string(),
    ok: z.literal(true),
    fix: findingFix,
    /** What was done, such as `relaunched as 3f2a…`. */
    detail: z.string(),
  }),
  z.object({
    kind: findingKind,
    engine: z.string(),
    id: z.string(),
    ok: z.literal(false),
    error: errorPayload,
  }),
]);

export const calls = {
  /**
   * The realm's containers, the open catalog and the proxy's routes compared;
   * `notChecked` says what could not be (an engine down, no proxy here, a
   * catalog without users), so that no finding is taken for none.
   */
  'realm.check': call(
    z.strictObject({}),
    z.object({
      findings: z.array(finding),
      notChecked: z.array(
        z.object({
          what: z.enum(['engine', 'catalog', 'routes']),
          /** The engine, when `what` is one. */
          engine: z.string().optional(),
          reason: z.string(),
        }),
      ),
    }),
  ),
  /**
   * Applies the fix of the findings named, or of every finding of the kinds
   * named, each audited; one result per finding. Progress goes out as
   * `operations.progress` (kind `fix`).
   */
  'realm.fix': call(
    z
      .strictObject({
        findings: z
          .array(findingRef)
          .min(1, 'must name at least one finding')
          .max(1000, 'must name at most 1000 findings')
          .optional(),
        kinds: z
          .array(findingKind)
          .min(1, 'must name at least one kind')
          .max(findingKind.options.length, 'must name each kind once')
          .optional(),
        operationId: callerId.optional(),
      })
      .refine((r) => (r.findings === undefined) !== (r.kinds === undefined), {
        path: ['findings'],
        message: 'name the findings, or their kinds (one of the two)',
      }),
    z.object({ results: z.array(fixOutcome) }),
  ),
};

export const events = {};
