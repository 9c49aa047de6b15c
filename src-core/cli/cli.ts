import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ContractError, createClient } from '../api/client';
import { isCoreError } from '../api/errors';
import type { EngineProfile } from '../engines/engine-registry';
import { defaultEngineId } from '../docker/engine-profile';
import { defaultCullPolicyPath } from '../engines/cull-policy-file';
import { defaultEnginesPath, SavedEngines } from '../engines/saved-engines';
import { inProcessTransport } from '../host/in-process-transport';
import { defaultHistoryPath } from '../host/operation-history';
import { defaultProfile, startCore, type Core, type CoreOptions } from '../host/start-core';
import { defaultProxySettingsPath } from '../proxy/proxy-settings-file';
import { chosenRealm } from '../realm/chosen-realm';
import { checkCommand } from './check-command';
import { parseCliArgs, type CliArgs } from './cli-args';
import type { CliIo, Command } from './cli-io';
import { cullCommand } from './cull-command';
import { errorLine } from './error-line';
import { launchCommand } from './launch-command';
import { lsCommand } from './ls-command';
import { nodeAvailabilityCommand } from './node-availability-command';
import { nodesCommand } from './nodes-command';
import { relaunchCommand } from './relaunch-command';
import { serveCommand } from './serve-command';
import { answerSsh } from './ssh-answers';
import { stopCommand } from './stop-command';
import { topCommand } from './top-command';
import { USAGE, UsageError } from './usage';

const COMMANDS: Record<string, Command> = {
  ls: lsCommand,
  launch: launchCommand,
  stop: stopCommand,
  relaunch: relaunchCommand,
  check: checkCommand,
  cull: cullCommand,
  top: topCommand,
  nodes: nodesCommand,
  drain: nodeAvailabilityCommand('drain'),
  activate: nodeAvailabilityCommand('active'),
  serve: serveCommand,
};

/** Short commands that audit what they do and judge by the catalog: they open the app's own. */
const WITH_CATALOG = new Set(['relaunch', 'check', 'cull', 'drain', 'activate']);

/** The saved engines file every command loads: the app's unless `--engines-file` (`none`: no file). */
function enginesPathFor(args: CliArgs, env: NodeJS.ProcessEnv): string | undefined {
  const file = args.enginesFile;
  if (file === undefined) return defaultEnginesPath(env);
  if (file === '') throw new UsageError('--engines-file', 'is empty: name a file, or none');
  return file === 'none' ? undefined : resolve(file);
}

/**
 * The start-up engines: the one the docker CLI would use, and the Docker
 * context named by `--engine` when it is neither that one nor a saved engine.
 */
function profilesFor(
  args: CliArgs,
  env: NodeJS.ProcessEnv,
  enginesPath: string | undefined,
): EngineProfile[] {
  const base = defaultProfile(env);
  const engine = args.engine;
  if (engine === undefined || engine === 'any' || engine === defaultEngineId(base)) return [base];
  if (enginesPath && new SavedEngines(enginesPath).has(engine)) return [base];
  return [base, { kind: 'context', context: engine, id: engine }];
}

/**
 * Serve mode runs the proxy, the catalog and the history as the desktop app does; a short
 * command only needs the proxy's settings, to print the URLs that answer
 * while the app or serve mode runs it. Every command loads the saved engines.
 */
function coreOptions(
  args: CliArgs,
  env: NodeJS.ProcessEnv,
  enginesPath: string | undefined,
): CoreOptions {
  const settingsPath = defaultProxySettingsPath(env);
  const saved = enginesPath !== undefined ? { enginesPath } : {};
  const catalogPath = join(dirname(settingsPath), 'catalog.db');
  // The others read no catalog: none is opened, nor SQLite loaded.
  if (args.command !== 'serve' && !WITH_CATALOG.has(args.command))
    return { proxy: { settingsPath, mode: 'urls' }, catalogPath: null, ...saved };
  mkdirSync(dirname(settingsPath), { recursive: true, mode: 0o700 });
  // Read only where it is applied: a cull policy file in error stops no other command.
  const cull = { policyPath: defaultCullPolicyPath(env) };
  if (args.command !== 'serve')
    return {
      proxy: { settingsPath, mode: 'urls' },
      catalogPath,
      ...(args.command === 'cull' && { cull }),
      ...saved,
    };
  return {
    proxy: { settingsPath, mode: 'run' },
    catalogPath,
    cull,
    historyPath: defaultHistoryPath(env),
    ...saved,
  };
}

/** Runs one command line in-process against the contract; resolves to its exit code. */
export async function runCli(argv: string[], io: CliIo, env = process.env): Promise<number> {
  let core: Core | undefined;
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      io.out(USAGE);
      return 0;
    }
    const command = COMMANDS[args.command];
    if (!command)
      throw new UsageError(
        'command',
        args.command ? `"${args.command}" is not a command` : 'is missing',
      );
    const realm = chosenRealm(args.realm, env);
    const enginesPath = enginesPathFor(args, env);
    core = await startCore({
      realm,
      profiles: profilesFor(args, env, enginesPath),
      ...coreOptions(args, env, enginesPath),
    });
    const transport = inProcessTransport(core.host, {
      transport: 'in-process',
      label: 'command line',
    });
    const client = createClient(transport);
    // Serve mode's page answers these; a short command asks on the terminal, or says why not.
    if (args.command !== 'serve') await answerSsh(client, io);
    return await command({ args, client, host: core.host, io, realm });
  } catch (error) {
    const usage = error instanceof UsageError;
    io.err(
      errorLine(
        isCoreError(error) || error instanceof ContractError
          ? error
          : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
      ),
    );
    if (usage) io.err('Run `remoteapp-admin --help` for the usage.');
    return usage ? 2 : 1;
  } finally {
    await core?.close();
  }
}
