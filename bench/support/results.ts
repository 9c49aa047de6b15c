import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchResult {
  value: number;
  unit: string;
  /** The same work done by the raw Docker API (or the direct path), same unit. */
  floor: number;
  ratio: number;
  /** The ratio (or value, per `goalOn`) to stay under. */
  goal: number;
  met: boolean;
  goalOn?: 'ratio' | 'value';
  note?: string;
}

const ROOT = join(import.meta.dirname, '..', '..');
const JSON_PATH = join(ROOT, 'bench', 'results.json');
const MD_PATH = join(ROOT, 'docs', 'benchmarks.md');

function writeAtomically(path: string, text: string) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export function result(
  value: number,
  floor: number,
  unit: string,
  goal: number,
  options: { goalOn?: 'ratio' | 'value'; note?: string } = {},
): BenchResult {
  const ratio = Number((value / floor).toFixed(3));
  const goalOn = options.goalOn ?? 'ratio';
  const met = goalOn === 'ratio' ? ratio <= goal : value <= goal;
  return {
    value: Number(value.toFixed(3)),
    unit,
    floor: Number(floor.toFixed(3)),
    ratio,
    goal,
    met,
    ...options,
    goalOn,
  };
}

/** Merges new entries into bench/results.json and rewrites docs/benchmarks.md from it. */
export function record(entries: Record<string, BenchResult>) {
  let all: Record<string, BenchResult> = {};
  try {
    all = JSON.parse(readFileSync(JSON_PATH, 'utf8'));
  } catch {
    // First run: nothing recorded yet.
  }
  Object.assign(all, entries);
  writeAtomically(JSON_PATH, `${JSON.stringify(all, null, 2)}\n`);
  const rows = Object.entries(all).map(
    ([name, r]) =>
      `| ${name} | ${r.value} ${r.unit} | ${r.floor} ${r.unit} | ${r.ratio}x | ${r.goalOn === 'value' ? `≤ ${r.goal} ${r.unit}` : `≤ ${r.goal}x`} | ${r.met ? 'yes' : '**no**'} | ${r.note ?? ''} |`,
  );
  writeAtomically(
    MD_PATH,
    [
      '# Benchmarks',
      '',
      'Written by `npm run bench` (see `bench/`). Each figure is measured beside its floor,',
      'the raw Docker API (or the direct path) doing the same work, in the same process,',
      'on the same engine; the ratio is value / floor. Machine: 2 cores, Docker Engine 20.10.',
      '',
      '| benchmark | value | floor | ratio | goal | met | note |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
  for (const [name, r] of Object.entries(entries))
    console.log(
      `${name}: ${r.value} ${r.unit} vs floor ${r.floor} ${r.unit} = ${r.ratio}x (goal ${r.goal}${r.goalOn === 'value' ? ` ${r.unit}` : 'x'}: ${r.met ? 'met' : 'NOT met'})`,
    );
}
