import type { Request } from '../../../src-core/api/contract';

type PolicyInput = Request<'catalog.addGrant'>['policy'];

/** The policy new grants get, as the operator edits it. */
export interface PolicyForm {
  appLicense: string;
  allowHome: boolean;
  allowView: boolean;
  allowStartupData: boolean;
  volumeSource: string;
  volumeTarget: string;
  volumeMode: 'ro' | 'rw';
}

export const EMPTY_POLICY: PolicyForm = {
  appLicense: '',
  allowHome: true,
  allowView: false,
  allowStartupData: false,
  volumeSource: '',
  volumeTarget: '',
  volumeMode: 'ro',
};

/** The policy as the contract takes it: the common volume (and allowCommon) only when both paths are set. */
export function policyInput(form: PolicyForm): PolicyInput {
  const volume =
    form.volumeSource.trim() || form.volumeTarget.trim()
      ? {
          source: form.volumeSource.trim(),
          target: form.volumeTarget.trim(),
          mode: form.volumeMode,
        }
      : null;
  return {
    appLicense: form.appLicense.trim() || null,
    allowHome: form.allowHome,
    allowView: form.allowView,
    allowCommon: volume !== null,
    volume,
    allowStartupData: form.allowStartupData,
  };
}

/** A policy in a few words, for a grant's tooltip and list. */
export function describePolicy(p: {
  id: number;
  appLicense: string | null;
  allowHome: boolean;
  allowView: boolean;
  volume: { source: string; target: string; mode: string } | null;
  allowStartupData: boolean;
}): string {
  const parts = [`policy ${p.id}`];
  if (p.appLicense) parts.push('licence');
  if (p.allowHome) parts.push('home');
  if (p.allowView) parts.push('viewable');
  if (p.allowStartupData) parts.push('startup data');
  if (p.volume) parts.push(`${p.volume.source} → ${p.volume.target} (${p.volume.mode})`);
  return parts.join(', ');
}
