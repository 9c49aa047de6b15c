import { z } from 'zod';
import { text } from './fields';
import type { IdRule } from './ids';

/**
 * What an operator asks of a launch's host, written once for the contract
 * and the core's own checks: CPUs and memory (limits, which a Swarm engine
 * also reserves and places by) and Swarm placement constraints.
 */

/** What Swarm's scheduler accepts: a node field or a node or engine label, `==` or `!=`, a value. */
export const PLACEMENT_CONSTRAINT: IdRule = {
  pattern:
    /^(node\.(id|hostname|role|platform\.os|platform\.arch|labels\.[A-Za-z0-9_.-]+)|engine\.labels\.[A-Za-z0-9_.-]+) ?(==|!=) ?[A-Za-z0-9_.:@/-]+$/,
  reason: 'is not a placement constraint such as node.labels.zone==a or node.role!=manager',
};
export const MAX_CONSTRAINTS = 16;

const MIB = 1024 ** 2;
/** Docker refuses a container a memory limit below this. */
const MIN_MEMORY = 6 * MIB;
const MAX_MEMORY = 1024 ** 4;

/** The fields, each optional, for an object schema to spread in. */
export const placementFields = {
  /** CPUs, as `docker run --cpus`; Docker's smallest limit is 0.01. */
  cpus: z
    .number({ error: 'must be a number' })
    .min(0.01, 'must be at least 0.01 CPU')
    .max(1024, 'must be at most 1024 CPUs')
    .optional(),
  /** Memory in bytes, as `docker run --memory`. */
  memoryBytes: z
    // Not .int(): its refusal is a type error, which would read "must be an int".
    .number({ error: 'must be a number' })
    .multipleOf(1, 'must be a whole number of bytes')
    .min(MIN_MEMORY, `must be at least 6 MiB (${MIN_MEMORY} bytes), Docker's minimum`)
    .max(MAX_MEMORY, 'must be at most 1 TiB')
    .optional(),
  /** Every one must hold for a node to run the app. */
  constraints: z
    .array(text(256).regex(PLACEMENT_CONSTRAINT.pattern, PLACEMENT_CONSTRAINT.reason))
    .max(MAX_CONSTRAINTS, `must have at most ${MAX_CONSTRAINTS} constraints`)
    .optional(),
};

export const placementSchema = z.strictObject(placementFields);
