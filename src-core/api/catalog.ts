import { z } from 'zod';
import { containerView } from './containers';
import { call, event } from './define';
import {
  absolutePath,
  callerId,
  engineChoice,
  engineId,
  errorPayload,
  id,
  noNul,
  oneLine,
  text,
} from './fields';
import { GRANT_ID, IMAGE_REF } from './ids';
import { placementFields } from './placement';

/** The catalog: users, applications, policies and grants in a simphony-remote database. */

const userName = text(256);
const imageName = text(512).regex(IMAGE_REF.pattern, IMAGE_REF.reason);
/** A grant's id, which is the mapping id of its containers. */
const grantId = id(GRANT_ID);
const search = oneLine(z.string().max(256, 'must be at most 256 characters')).optional();

export const policyVolume = z.strictObject({
  source: text(4096),
  target: text(4096),
  mode: z.enum(['ro', 'rw']),
});

/**
 * How a grant runs (simphony-remote's `application_policy`), and where:
 * the CPUs, memory and Swarm constraints its launches get (ours, kept
 * beside it). A policy differing only in placement is a policy of its own.
 */
export const policyFields = z.strictObject({
  appLicense: noNul(z.string().max(4096, 'must be at most 4096 characters'))
    .nullable()
    .default(null),
  allowHome: z.boolean().default(false),
  allowView: z.boolean().default(false),
  /** Must be true exactly when a volume is given. */
  allowCommon: z.boolean().default(false),
  volume: policyVolume.nullable().default(null),
  allowStartupData: z.boolean().default(false),
  ...placementFields,
});

export const policy = z.object({
  id: z.number().int(),
  appLicense: z.string().nullable(),
  allowHome: z.boolean(),
  allowView: z.boolean(),
  allowCommon: z.boolean(),
  volume: z.object({ source: z.string(), target: z.string(), mode: z.string() }).nullable(),
  allowStartupData: z.boolean(),
  /** Present only when the policy sets them. */
  cpus: z.number().optional(),
  memoryBytes: z.number().optional(),
  constraints: z.array(z.string()).optional(),
});

export const catalogUser = z.object({ id: z.number().int(), name: z.string() });
export const catalogApplication = z.object({ id: z.number().int(), image: z.string() });

export const grant = z.object({
  id: z.string(),
  user: catalogUser,
  application: catalogApplication,
  policy,
});

export type GrantView = z.infer<typeof grant>;
export type PolicyView = z.infer<typeof policy>;

export const catalogInfo = z.object({
  /** The open file's path. */
  source: z.string(),
  kind: z.enum(['sqlite', 'csv']),
  /** A CSV file is read-only: edit the file, or import it into a database. */
  readOnly: z.boolean(),
  /** The app's own database, in its data folder. */
  isHome: z.boolean(),
  users: z.number().int(),
  applications: z.number().int(),
  policies: z.number().int(),
  grants: z.number().int(),
});

export const launchSettings = z.object({ homeTemplate: z.string(), homeTarget: z.string() });

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  engine: z.string().nullable(),
  result: z.enum(['ok', 'error']),
  detail: z.string(),
});

export type AuditEntryView = z.infer<typeof auditEntry>;

export const launchState = z.enum(['queued', 'starting', 'running', 'failed']);

/** One user's launch as it moves along. */
export const launchProgress = z.object({
  grantId: z.string().nullable(),
  user: z.string(),
  image: z.string(),
  /** The engine it goes to; null when there is nothing to launch (no such grant). */
  engine: z.string().nullable(),
  state: launchState,
  container: containerView.optional(),
  skippedVolumes: z
    .array(z.object({ source: z.string(), target: z.string(), mode: z.string() }))
    .optional(),
  error: errorPayload.optional(),
});

export type LaunchProgressView = z.infer<typeof launchProgress>;

const stopOutcome = z.object({
  id: z.string(),
  user: z.string(),
  mappingId: z.string(),
  removed: z.boolean(),
  error: errorPayload.optional(),
});

const MAX_USERS = 1000;
const MAX_CSV = 10 * 1024 * 1024;

const counts = z.object({ removedGrants: z.number().int() });

export const calls = {
  /** What is open, and how much it holds. */
  'catalog.info': call(z.strictObject({}), catalogInfo),
  /** Works on another catalog: a SQLite database (created if absent), a CSV file, or (no path) the app's own. */
  'catalog.open': call(
    z.strictObject({
      kind: z.enum(['sqlite', 'csv']).default('sqlite'),
      path: absolutePath().optional(),
    }),
    catalogInfo,
  ),
  'catalog.users': call(
    z.strictObject({ search }),
    z.object({ users: z.array(catalogUser.extend({ grants: z.number().int() })) }),
  ),
  'catalog.addUser': call(z.strictObject({ name: userName }), z.object({ user: catalogUser })),
  /** Removes the user and the user's grants. */
  'catalog.removeUser': call(z.strictObject({ name: userName }), counts),
  'catalog.applications': call(
    z.strictObject({ search }),
    z.object({
      applications: z.array(catalogApplication.extend({ grants: z.number().int() })),
    }),
  ),
  'catalog.addApplication': call(
    z.strictObject({ image: imageName }),
    z.object({ application: catalogApplication }),
  ),
  /** Removes the application and its grants. */
  'catalog.removeApplication': call(z.strictObject({ image: imageName }), counts),
  'catalog.policies': call(
    z.strictObject({}),
    z.object({ policies: z.array(policy.extend({ grants: z.number().int() })) }),
  ),
  /** Removes a policy that no grant uses. */
  'catalog.removePolicy': call(z.strictObject({ id: z.number().int() }), z.object({})),
  'catalog.grants': call(
    z.strictObject({ search, user: userName.optional(), image: imageName.optional() }),
    z.object({ grants: z.array(grant) }),
  ),
  /** Grants an application to a user under a policy; the same again returns the grant already there. */
  'catalog.addGrant': call(
    z.strictObject({ user: userName, image: imageName, policy: policyFields }),
    z.object({ grant, created: z.boolean() }),
  ),
  'catalog.removeGrant': call(z.strictObject({ id: grantId }), z.object({})),
  /** Imports simphony-remote CSV text: every row, or (any bad row named) none. */
  'catalog.importCsv': call(
    z.strictObject({
      text: noNul(z.string().max(MAX_CSV, `must be at most ${MAX_CSV} characters`)),
      /** The file's name, for the audit log. */
      name: text(256),
    }),
    z.object({
      grantsAdded: z.number().int(),
      grantsExisting: z.number().int(),
      usersAdded: z.number().int(),
      applicationsAdded: z.number().int(),
      policiesAdded: z.number().int(),
    }),
  ),
  /** The open catalog's grants in simphony-remote's CSV format. */
  'catalog.exportCsv': call(z.strictObject({}), z.object({ text: z.string() })),
  /**
   * Launches many users at once, each on the engine the choice gives them
   * (with `any`, chosen per grant as `containers.launch` does): grants by id, or one
   * application for chosen users through their own grants. Each user's
   * progress goes out as `catalog.launchProgress` with the operation id.
   */
  'catalog.launch': call(
    z.strictObject({
      engine: engineChoice.default('any'),
      grantIds: z
        .array(grantId)
        .min(1, 'must name at least one grant')
        .max(MAX_USERS, `must name at most ${MAX_USERS} grants`)
        .optional(),
      image: imageName.optional(),
      policyId: z.number().int().optional(),
      users: z
        .array(userName)
        .min(1, 'must name at least one user')
        .max(MAX_USERS, `must name at most ${MAX_USERS} users`)
        .optional(),
      configurables: z
        .strictObject({
          /** Its form here; the core checks each side's range for images that take it. */
          resolution: z
            .string()
            .regex(/^(\d{1,5}x\d{1,5})?$/, 'must be WIDTHxHEIGHT')
            .optional(),
          srdata: oneLine(z.string().max(4096, 'must be at most 4096 characters')).optional(),
        })
        .optional(),
      operationId: callerId.optional(),
    }),
    z.object({ outcomes: z.array(launchProgress) }),
  ),
  /** Stops and removes every container of a user, in the realm, on one engine. */
  'catalog.stopUser': call(
    z.strictObject({ engine: engineId, user: userName }),
    z.object({ results: z.array(stopOutcome) }),
  ),
  /** Stops and removes every container of an application (its grants' and its image's). */
  'catalog.stopApplication': call(
    z.strictObject({ engine: engineId, image: imageName }),
    z.object({ results: z.array(stopOutcome) }),
  ),
  /** The audit log, newest first. */
  'catalog.audit': call(
    z.strictObject({
      search,
      beforeId: z.number().int().optional(),
      limit: z.number().int().min(1).max(5000, 'must be at most 5000').default(200),
    }),
    z.object({ entries: z.array(auditEntry) }),
  ),
  'catalog.exportAudit': call(z.strictObject({}), z.object({ text: z.string() })),
  'catalog.settings': call(z.strictObject({}), launchSettings),
  'catalog.setSettings': call(
    z.strictObject({ homeTemplate: text(4096).optional(), homeTarget: text(4096).optional() }),
    launchSettings,
  ),
};

export const events = {
  /** A list went stale (another session changed it): fetch that one again. */
  'catalog.changed': event(
    z.object({
      what: z.enum(['catalog', 'users', 'applications', 'policies', 'grants', 'settings']),
    }),
  ),
  'catalog.launchProgress': event(launchProgress.extend({ operationId: z.string() })),
  /** A new audit entry, for live views of the log. */
  'catalog.audited': event(auditEntry),
};
