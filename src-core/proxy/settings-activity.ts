import type { ProxySettings } from '../api/proxy';
import { readActivityFile } from './activity-file';
import { ChpBackend } from './chp-backend';
import { ActivityTable } from './route-activity';

/**
 * The activity of the proxy the settings name, for a process that does not
 * run it (a short command): CHP's own, asked through its API; the embedded
 * proxy's, as the app or serve mode last wrote it (none without a file).
 */
export function settingsActivity(settings: ProxySettings, activityPath?: string): ActivityTable {
  const { chp } = settings;
  if (settings.backend === 'chp' && chp) {
    const backend = new ChpBackend(chp);
    return new ActivityTable(() => backend.activity());
  }
  return new ActivityTable(async () => (activityPath ? readActivityFile(activityPath) : new Map()));
}
