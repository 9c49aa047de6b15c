import { dirname, join } from 'node:path';
import { z } from 'zod';
import { parseOrThrow } from '../api/validation';
import { readJsonIfPresent, writePrivateJson } from '../util/config-dir';
import type { RouteActivity } from './route-activity';

/**
 * The embedded proxy's activity on disk, for the processes that do not run
 * it: the app or serve mode writes it every few seconds while routes are
 * used, and `remoteapp-admin cull` (from cron) reads it, so that a
 * container in use is not taken for idle.
 */
const activityFile = z.object({ routes: z.record(z.string(), z.iso.datetime()) });

/** Beside the proxy's settings: the app, serve mode and the command line read the same folder. */
export function activityPathBeside(settingsPath: string): string {
  return join(dirname(settingsPath), 'activity.json');
}

export function writeActivityFile(path: string, activity: RouteActivity): void {
  const routes = Object.fromEntries(
    [...activity].map(([key, at]) => [key, new Date(at).toISOString()]),
  );
  writePrivateJson(path, { routes });
}

/** The activity in `path`; none without a file. */
export function readActivityFile(path: string): RouteActivity {
  const file = parseOrThrow(activityFile, readJsonIfPresent(path, 'activity') ?? { routes: {} });
  return new Map(Object.entries(file.routes).map(([key, at]) => [key, Date.parse(at)]));
}
