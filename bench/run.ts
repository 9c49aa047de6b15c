import { benchCliStart } from './cli-start.bench';
import { benchContractList } from './contract-list.bench';
import { benchGrantLaunch } from './grant-launch.bench';
import { benchEngineEvents } from './engine-events.bench';
import { benchLaunch } from './launch.bench';
import { benchLaunchToOpen } from './launch-to-open.bench';
import { benchListEngines } from './list-engines.bench';
import { benchListRealm } from './list-realm.bench';
import { benchProxy } from './proxy.bench';
import { benchSoak } from './soak.bench';
import { benchStats } from './stats.bench';
import { benchSwarmLaunch } from './swarm-launch.bench';
import { benchSwarmList } from './swarm-list.bench';
import { record } from './support/results';
import { benchUiTable } from './ui-table.bench';

/** `npm run bench [name...]`: runs the benchmarks (all by default) and records them. */
const benches: Record<
  string,
  () => Promise<Record<string, import('./support/results').BenchResult>>
> = {
  'list-realm': benchListRealm,
  launch: benchLaunch,
  'engine-events': benchEngineEvents,
  'list-engines': benchListEngines,
  'ui-table': benchUiTable,
  proxy: benchProxy,
  'grant-launch': benchGrantLaunch,
  'contract-list': benchContractList,
  'launch-to-open': benchLaunchToOpen,
  'cli-start': benchCliStart,
  stats: benchStats,
  'swarm-launch': benchSwarmLaunch,
  'swarm-list': benchSwarmList,
  // At most five minutes of churn through serve mode with the UI open (not in npm test).
  soak: benchSoak,
};

const chosen = process.argv.slice(2);
for (const name of chosen.length ? chosen : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench)
    throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}`);
  record(await bench());
}
