import { parseArgs } from 'node:util';
import { launchRequest } from '../api/containers';
import { parseDuration } from '../api/cull-policy';
import { STATS_INTERVAL } from '../api/stats';
import { bindRefusal, hostName } from '../serve/peer-check';
import { ramInBytes } from './byte-size';
import { UsageError } from './usage';

export interface CliArgs {
  command: string;
  positionals: string[];
  realm?: string;
  engine?: string;
  /** The saved engines file, as given; `none` for no saved engines. */
  enginesFile?: string;
  json: boolean;
  user?: string;
  image?: string;
  mappingId?: string;
  baseUrlpath?: string;
  volumes: Array<{ source: string; target: string; mode: string }>;
  environment: Record<string, string>;
  /** `launch`: the CPU limit. */
  cpus?: number;
  /** `launch`: the memory limit, in bytes. */
  memory?: number;
  /** `launch`: Swarm placement constraints, as given. */
  constraints: string[];
  port?: number;
  bind?: string;
  /** The host name the operator opens serve mode by, required off loopback. */
  publicHost?: string;
  /** `top`'s seconds between samples. */
  interval?: number;
  /** `top`: one sample, then exit. */
  once: boolean;
  /** `relaunch`: every exited container, in place of IDs. */
  allExited: boolean;
  /** `check`: fix what it finds. */
  fix: boolean;
  /** `cull`: the idle time, as given, in place of the policy's. */
  idleFor?: string;
  /** `cull`: say what it would do, do nothing. */
  dryRun: boolean;
  help: boolean;
}

/** `SRC:DST:MODE`, as `docker run -v` writes it; the contract checks the parts. */
function volume(spec: string, i: number): CliArgs['volumes'][number] {
  const parts = spec.split(':');
  if (parts.length !== 3)
    throw new UsageError(`--volume[${i}]`, `"${spec}" must be SRC:DST:MODE (MODE ro or rw)`);
  const [source, target, mode] = parts as [string, string, string];
  return { source, target, mode };
}

function environment(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  pairs.forEach((pair, i) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--env[${i}]`, `"${pair}" must be KEY=VALUE`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  });
  return env;
}

/** A launch's limit, within the contract's own bounds for `field`, refused as the flag. */
function limit(flag: string, field: 'cpus' | 'memory', value: string, n: number): number {
  const parsed = launchRequest.shape[field].safeParse(n);
  if (!parsed.success) throw new UsageError(flag, `"${value}" ${parsed.error.issues[0]!.message}`);
  return n;
}

function cpus(value: string): number {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value))
    throw new UsageError('--cpus', `"${value}" must be a number of CPUs such as 0.5 or 2`);
  return limit('--cpus', 'cpus', value, Number(value));
}

function memory(value: string): number {
  const bytes = ramInBytes(value);
  if (bytes === null)
    throw new UsageError('--memory', `"${value}" must be a size such as 512m, 2g or 1.5G`);
  return limit('--memory', 'memory', value, bytes);
}

function port(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new UsageError('--port', `"${value}" is not a port number`);
  return n;
}

/** Seconds, within the bounds the contract holds a stats watch to. */
function interval(value: string): number {
  const { minSeconds, maxSeconds } = STATS_INTERVAL;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n < minSeconds || n > maxSeconds)
    throw new UsageError('--interval', `"${value}" must be ${minSeconds} to ${maxSeconds} seconds`);
  return n;
}

function idleFor(value: string): string {
  if (parseDuration(value) === null)
    throw new UsageError('--idle-for', `"${value}" must be a duration such as 90s, 15m or 2h`);
  return value;
}

/** Checked before anything starts, so that a refused address is never listened on. */
function bindAndHost(bind: string | undefined, publicHost: string | undefined) {
  if (publicHost !== undefined && hostName(publicHost) === null)
    throw new UsageError('--public-host', `"${publicHost}" must be a host name: NAME or NAME:PORT`);
  const refusal = bind === undefined ? null : bindRefusal(bind, publicHost);
  if (refusal !== null) throw new UsageError('--bind', refusal);
  return {
    ...(bind !== undefined && { bind }),
    ...(publicHost !== undefined && { publicHost }),
  };
}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        realm: { type: 'string' },
        engine: { type: 'string' },
        'engines-file': { type: 'string' },
        json: { type: 'boolean', default: false },
        user: { type: 'string' },
        image: { type: 'string' },
        'mapping-id': { type: 'string' },
        'base-urlpath': { type: 'string' },
        volume: { type: 'string', multiple: true, default: [] },
        env: { type: 'string', multiple: true, default: [] },
        cpus: { type: 'string' },
        memory: { type: 'string' },
        constraint: { type: 'string', multiple: true, default: [] },
        port: { type: 'string' },
        bind: { type: 'string' },
        'public-host': { type: 'string' },
        interval: { type: 'string' },
        once: { type: 'boolean', default: false },
        'all-exited': { type: 'boolean', default: false },
        fix: { type: 'boolean', default: false },
        'idle-for': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError('arguments', (error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command = '', ...rest] = positionals;
  return {
    command,
    positionals: rest,
    ...(values.realm !== undefined && { realm: values.realm }),
    ...(values.engine !== undefined && { engine: values.engine }),
    ...(values['engines-file'] !== undefined && { enginesFile: values['engines-file'] }),
    json: values.json,
    ...(values.user !== undefined && { user: values.user }),
    ...(values.image !== undefined && { image: values.image }),
    ...(values['mapping-id'] !== undefined && { mappingId: values['mapping-id'] }),
    ...(values['base-urlpath'] !== undefined && { baseUrlpath: values['base-urlpath'] }),
    volumes: values.volume.map(volume),
    environment: environment(values.env),
    ...(values.cpus !== undefined && { cpus: cpus(values.cpus) }),
    ...(values.memory !== undefined && { memory: memory(values.memory) }),
    constraints: values.constraint,
    ...(values.port !== undefined && { port: port(values.port) }),
    ...bindAndHost(values.bind, values['public-host']),
    ...(values.interval !== undefined && { interval: interval(values.interval) }),
    once: values.once,
    allExited: values['all-exited'],
    fix: values.fix,
    ...(values['idle-for'] !== undefined && { idleFor: idleFor(values['idle-for']) }),
    dryRun: values['dry-run'],
    help: values.help,
  };
}
