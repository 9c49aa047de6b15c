/** Label keys exactly as simphony-remote writes and reads them. */
const NS = 'eu.simphony-project.docker';

export const RUNINFO = {
  user: `${NS}.runinfo.user`,
  mappingId: `${NS}.runinfo.mapping_id`,
  urlId: `${NS}.runinfo.url_id`,
  urlpath: `${NS}.runinfo.urlpath`,
  realm: `${NS}.runinfo.realm`,
} as const;

export const IMAGE_LABELS = {
  uiName: `${NS}.ui_name`,
  icon128: `${NS}.icon_128`,
  description: `${NS}.description`,
  type: `${NS}.type`,
  envPrefix: `${NS}.env.`,
} as const;

export const DEFAULT_REALM = 'remoteexec';

/** What Docker writes on a Swarm task's container: the task it runs. */
export const SWARM_TASK_LABEL = 'com.docker.swarm.task.id';

/** The port the application listens on inside every container. */
export const CONTAINER_PORT = 8888;

/** `key=value` filter strings for the Docker API's `label` filter. */
export function labelFilters(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`);
}
