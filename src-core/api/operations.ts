import { z } from 'zod';
import { event } from './define';
import { errorPayload } from './fields';

/** One step of a long operation (stopping many containers, launching for many users). */
export const progress = z.object({
  operationId: z.string(),
  kind: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  /** The item this step finished, and how. */
  item: z.object({ engine: z.string(), id: z.string().optional(), user: z.string().optional() }),
  error: errorPayload.optional(),
});

export const calls = {};

export const events = {
  'operations.progress': event(progress),
};
