import { z } from 'zod';
import { call } from './define';
import { engineId, errorPayload } from './fields';

/** An image on an engine with its simphony-remote metadata (`eu.simphony-project.docker.*`). */
export const appImage = z.object({
  id: z.string(),
  name: z.string(),
  uiName: z.string(),
  icon128: z.string(),
  description: z.string(),
  type: z.string(),
  env: z.record(z.string(), z.string()),
  configurables: z.array(z.enum(['resolution', 'srdata'])),
});

export type AppImageView = z.infer<typeof appImage>;

export const calls = {
  /** The launchable (tagged) images of every engine, or of one. */
  'images.list': call(
    z.strictObject({ engine: engineId.optional() }),
    z.object({
      engines: z.array(
        z.object({ engine: z.string(), images: z.array(appImage), error: errorPayload.optional() }),
      ),
    }),
  ),
};

export const events = {};
