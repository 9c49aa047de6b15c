import { CoreError, errorPayloadOf, type ErrorPayload } from '../api/errors';
import type { Finding, FindingKind } from '../api/realm';
import { checkRealm } from './realm-check';
import { relaunch } from './relaunch';
import type { HostServices } from './services';

type FindingRef = Pick<Finding, 'kind' | 'engine' | 'id'>;

export type FixResult = FindingRef &
  ({ ok: true; fix: Finding['fix']; detail: string } | { ok: false; error: ErrorPayload });

type FixServices = Pick<HostServices, 'engines' | 'launcher' | 'catalog' | 'proxy'>;

/** Tells a finding's outcome as soon as it is known. */
type Settle = (f: Finding, outcome: { detail: string } | { error: unknown }) => void;

/** Stops or removes each container, as `containers.stop` does. */
async function remove(services: FixServices, findings: Finding[], settle: Settle) {
  await Promise.all(
    findings.map(async (f) => {
      try {
        const { removed } = await services.engines.manager(f.engine).stopAndRemoveContainer(f.id);
        settle(f, {
          detail: !removed ? 'already gone' : f.fix === 'stop' ? 'stopped and removed' : 'removed',
        });
      } catch (error) {
        settle(f, { error });
      }
    }),
  );
}

/** Relaunches each container through the launcher; the relaunch audits itself. */
async function relaunchEach(services: FixServices, findings: Finding[], settle: Settle) {
  await Promise.all(
    findings.map(async (f) => {
      const outcome = await relaunch(services, f, 'check.relaunch');
      settle(
        f,
        outcome.ok
          ? { detail: `relaunched as ${outcome.launched.container.id.slice(0, 12)}` }
          : { error: outcome.error },
      );
    }),
  );
}

/**
 * The routes at these findings' paths, fixed as `proxy.fix` fixes them (a
 * route not ours is never replaced); a finding the proxy still reports
 * afterwards is a failure saying why.
 */
async function route(services: FixServices, findings: Finding[], settle: Settle) {
  if (findings.length === 0) return;
  let after;
  try {
    if (!services.proxy)
      throw new CoreError('NOT_FOUND', 'No proxy runs in this host', { reason: 'no proxy' });
    after = await services.proxy.fix(new Set(findings.map((f) => f.route!)));
  } catch (error) {
    for (const f of findings) settle(f, { error });
    return;
  }
  const held = new Set(after.foreignRoutes.map((r) => r.prefix));
  for (const f of findings) {
    const left = (f.kind === 'orphan-route' ? after.orphanRoutes : after.unroutedContainers).some(
      (r) => r.prefix === f.route,
    );
    if (!left) settle(f, { detail: f.kind === 'orphan-route' ? 'route removed' : 'route added' });
    else
      settle(f, {
        error: new CoreError(
          'CONFLICT',
          held.has(f.route!)
            ? `${f.route}: a route that is not ours holds this path; it is left alone`
            : `${f.route}: the proxy still reports it`,
          { route: f.route },
        ),
      });
  }
}

/** Removals first (a duplicate goes before its survivor is relaunched), then relaunches, then routes. */
const PHASES: Array<[Array<Finding['fix']>, typeof remove]> = [
  [['stop', 'remove'], remove],
  [['relaunch'], relaunchEach],
  [['route'], route],
];

/**
 * Fixes findings of the realm check: those named, if the check run again
 * now still finds them, or every finding of the kinds named. Each fix is
 * audited as `check.<fix>`; `onResult` hears each outcome as it comes.
 */
export async function fixRealm(
  services: FixServices,
  chosen: { findings?: FindingRef[]; kinds?: FindingKind[] },
  onResult: (result: FixResult, total: number, f?: Finding) => void = () => {},
): Promise<FixResult[]> {
  const { findings } = await checkRealm(services);
  const found = findings.filter((f) => chosen.kinds?.includes(f.kind));
  // Each finding named is found, or told as no longer there.
  const total = found.length + (chosen.findings?.length ?? 0);
  const results: FixResult[] = [];
  const tell = (result: FixResult, f?: Finding) => {
    results.push(result);
    onResult(result, total, f);
  };
  for (const ref of chosen.findings ?? []) {
    const f = findings.find(
      (g) => g.kind === ref.kind && g.engine === ref.engine && g.id === ref.id,
    );
    if (f) found.push(f);
    else
      tell({
        ...ref,
        ok: false,
        error: new CoreError(
          'NOT_FOUND',
          `The check no longer finds ${ref.kind} ${ref.id.slice(0, 12)} on ${ref.engine}`,
          { ...ref },
        ).toPayload(),
      });
  }
  const settle: Settle = (f, outcome) => {
    const ref = { kind: f.kind, engine: f.engine, id: f.id };
    const result: FixResult =
      'detail' in outcome
        ? { ...ref, ok: true, fix: f.fix, detail: outcome.detail }
        : { ...ref, ok: false, error: errorPayloadOf(outcome.error) };
    if (f.fix !== 'relaunch')
      services.catalog?.record({
        action: `check.${f.fix}`,
        target: f.route ?? `${f.user ?? ''} ${f.id.slice(0, 12)}`.trim(),
        engine: f.engine,
        result: result.ok ? 'ok' : 'error',
        detail: `${f.kind} (${f.detail}): ${result.ok ? result.detail : result.error.message}`,
      });
    tell(result, f);
  };
  for (const [fixes, run] of PHASES)
    await run(
      services,
      found.filter((f) => fixes.includes(f.fix)),
      settle,
    );
  return results;
}
