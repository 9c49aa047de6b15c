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
}

export interface GrantRow {
  grant_id: string;
  user_id: number;
  user_name: string;
  application_id: number;
  image: string;
}

/** The policy columns of `application_policy` (prefixed `p.`) as SQL. */
export const POLICY_COLUMNS =
  'p.id, p.app_license, p.allow_home, p.allow_common, p.allow_view, p.volume_source, p.volume_target, p.volume_mode, p.allow_startup_data';

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
  };
}

/** The values for the policy columns, in POLICY_COLUMNS order (without id). */
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

export function grantFromRow(row: GrantRow & PolicyRow): Grant {
  return {
    id: row.grant_id,
    user: { id: row.user_id, name: row.user_name },
    application: { id: row.application_id, image: row.image },
    policy: policyFromRow(row),
  };
}
