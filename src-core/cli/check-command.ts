import type { Command } from './cli-io';
import { errorLine } from './error-line';
import { table } from './table';

/**
 * `check [--fix]`: the realm check, as a table or JSON; with `--fix`, every
 * finding's fix, each result on its line. Exit 0 only when the realm was
 * checked whole and nothing is left: no finding (or every fix done).
 */
export const checkCommand: Command = async ({ args, client, io }) => {
  const { findings, notChecked } = await client.call('realm.check', {});
  const fixed =
    args.fix && findings.length > 0
      ? (await client.call('realm.fix', { kinds: [...new Set(findings.map((f) => f.kind))] }))
          .results
      : null;
  if (args.json) io.out(JSON.stringify({ findings, notChecked, ...(fixed && { fixed }) }, null, 2));
  else if (findings.length === 0)
    io.out(
      notChecked.length
        ? 'Nothing found in what was checked.'
        : 'Nothing found: the realm is in order.',
    );
  else if (!fixed)
    io.out(
      table(
        ['KIND', 'ENGINE', 'ID', 'USER', 'FIX', 'DETAIL'],
        findings.map((f) => [
          f.kind,
          f.engine,
          f.id.slice(0, 12),
          f.user ?? '-',
          f.fix,
          f.route ?? f.detail,
        ]),
      ),
    );
  for (const r of fixed ?? []) {
    if (!r.ok) io.err(errorLine(r.error, `${r.kind} ${r.id.slice(0, 12)}`));
    else if (!args.json) io.out(`Fixed ${r.kind} ${r.id.slice(0, 12)} on ${r.engine}: ${r.detail}`);
  }
  for (const { what, engine, reason } of notChecked)
    io.err(`remoteapp-admin: not checked: ${engine ? `engine ${engine}` : what}: ${reason}`);
  const left = fixed ? fixed.some((r) => !r.ok) : findings.length > 0;
  // Routes live where the proxy runs, and a catalog may have no users: said, not failed.
  return left || notChecked.some((n) => n.what === 'engine') ? 1 : 0;
};
