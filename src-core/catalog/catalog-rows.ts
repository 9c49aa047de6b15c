import type { VolumeMode } from '../realm/start-request';
import type { Policy, PolicyFields } from './policy';

export interface CatalogUser {
  id: number;
  name: string;
}

export interface CatalogApplication {
  id: number;
  image: string;
}

/** Who may run what, how: one row of `accounting`. Its id is the containers' mapping id. */
export interface Grant {
  id: string;
  user: CatalogUser;
  application: CatalogApplication;
  policy: Policy;
}

export interface PolicyRow {
  id: number;
  app_license: string | null;
  allow_home: number | null;
  allow_common: number | null;
  allow_view: number | null;
  volume_source: string | null;
  volume_target: string | null;
  volume_mode: string | null;
  allow_startup_data: number | null;
  /** From remoteapp_policy_placement, null for a policy without one. */
  cpus: number | null;
  memory_bytes: number | null;
  /** A JSON list. */
  constraints: string | null;
}

export interface GrantRow {
  grant_id: string;
  user_id: number;
  user_name: string;
  application_id: number;
  image: string;
}

/** The policy columns of `application_policy` (prefixed `p.`) and its placement (`pp.`) as SQL. */
export const POLICY_COLUMNS =
  'p.id, p.app_license, p.allow_home, p.allow_common, p.allow_view, p.volume_source, p.volume_target, p.volume_mode, p.allow_startup_data, pp.cpus, pp.memory_bytes, pp.constraints';

/** Joins `application_policy p` with its placement, when it has one. */
export const PLACEMENT_JOIN = 'LEFT JOIN remoteapp_policy_placement pp ON pp.policy_id = p.id';

export function policyFromRow(row: PolicyRow): Policy {
  const { volume_source: source, volume_target: target, volume_mode: mode } = row;
  return {
    id: row.id,
    appLicense: row.app_license || null,
    allowHome: row.allow_home === 1,
    allowView: row.allow_view === 1,
    allowCommon: row.allow_common === 1,
    // The seed mounts the volume only when all three are set; a bad mode is caught at launch.
    volume:
      source !== null && target !== null && mode !== null
        ? { source, target, mode: mode as VolumeMode }
        : null,
    allowStartupData: row.allow_startup_data === 1,
    ...(row.cpus !== null && { cpus: row.cpus }),
    ...(row.memory_bytes !== null && { memoryBytes: row.memory_bytes }),
    ...(row.constraints !== null && { constraints: JSON.parse(row.constraints) as string[] }),
  };
}

/** The values for application_policy's columns, in POLICY_COLUMNS order (without id). */
export function policyValues(p: PolicyFields) {
  return [
    p.appLicense,
    Number(p.allowHome),
    Number(p.allowCommon),
    Number(p.allowView),
    p.volume?.source ?? null,
    p.volume?.target ?? null,
    p.volume?.mode ?? null,
    Number(p.allowStartupData),
  ];
}

/** The values for remoteapp_policy_placement's columns after policy_id; all null for none. */
export function placementValues(p: PolicyFields) {
  return [
    p.cpus ?? null,
    p.memoryBytes ?? null,
    p.constraints?.length ? JSON.stringify(p.constraints) : null,
  ];
}

export function grantFromRow(row: GrantRow & PolicyRow): Grant {
  return {
    id: row.grant_id,
    user: { id: row.user_id, name: row.user_name },
    application: { id: row.application_id, image: row.image },
    policy: policyFromRow(row),
  };
}
