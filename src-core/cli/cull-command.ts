import type { CulledContainer } from '../api/cull';
import { formatDuration } from '../api/cull-policy';
import type { Command } from './cli-io';
import { errorLine } from './error-line';

const VERB = {
  stop: { done: 'Stopped', 'dry-run': 'Would stop' },
  remove: { done: 'Removed', 'dry-run': 'Would remove' },
} as const;

const SINCE = {
  activity: 'since its last request through the proxy',
  start: 'since its start (no request through the proxy)',
  exit: 'exited',
} as const;

function line(c: CulledContainer & { outcome: 'done' | 'dry-run' }): string {
  const idle = c.action === 'stop' ? `idle ${formatDuration(c.idleSeconds)}` : 'exited';
  const since =
    c.since.kind === 'exit' ? `${formatDuration(c.idleSeconds)} ago` : SINCE[c.since.kind];
  return `${VERB[c.action][c.outcome]} ${c.id.slice(0, 12)} (${c.user}, ${c.image} on ${c.engine}): ${idle} ${since}`;
}

/**
 * `cull`: applies the cull policy once (for cron or a systemd timer), or
 * with `--idle-for` in place of its idle time; `--dry-run` only says what it
 * would do. Exit 1 when a stop failed or an engine could not be looked at.
 */
export const cullCommand: Command = async ({ args, client, io }) => {
  const report = await client.call('cull.run', {
    dryRun: args.dryRun,
    ...(args.idleFor !== undefined && { idleFor: args.idleFor }),
  });
  if (args.json) io.out(JSON.stringify(report, null, 2));
  for (const c of report.containers)
    if (c.outcome === 'failed') io.err(errorLine(c.error!, c.id.slice(0, 12)));
    else if (!args.json) io.out(line({ ...c, outcome: c.outcome }));
  for (const { engine, error } of report.engineErrors) io.err(errorLine(error, `engine ${engine}`));
  if (!args.json) {
    const done = report.containers.filter((c) => c.outcome !== 'failed').length;
    io.out(
      `${done} ${report.dryRun ? 'to cull (dry run: nothing done)' : 'culled'}, ${report.kept} in use, ${report.exempt} exempt.`,
    );
  }
  const failed = report.containers.some((c) => c.outcome === 'failed');
  return failed || report.engineErrors.length ? 1 : 0;
};
