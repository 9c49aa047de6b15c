import { join } from 'node:path';
import { cullPolicy, type CullPolicy } from '../api/cull-policy';
import { parseOrThrow } from '../api/validation';
import { appConfigDir, readJsonIfPresent, writePrivateJson } from '../util/config-dir';

/** Where the desktop app, serve mode and the command line keep the cull policy. */
export function defaultCullPolicyPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(appConfigDir(env), 'cull.json');
}

/** The policy in `path`; without a file (or a path), none: nothing is culled. */
export function readCullPolicy(path: string | undefined): CullPolicy {
  return parseOrThrow(cullPolicy, (path && readJsonIfPresent(path, 'cullPolicy')) ?? {});
}

export function writeCullPolicy(path: string, policy: CullPolicy): void {
  writePrivateJson(path, policy);
}
