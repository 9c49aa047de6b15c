import type { PolicyView } from '../../../src-core/api/catalog';
import type { Request } from '../../../src-core/api/contract';
import { formatBytes } from '../../format/resources';

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
  /** Empty for no limit. */
  cpus: string;
  memoryMiB: string;
  /** Separated by commas, which no constraint contains. */
  constraints: string;
}

const MIB = 1024 ** 2;

export const EMPTY_POLICY: PolicyForm = {
  appLicense: '',
  allowHome: true,
  allowView: false,
  allowStartupData: false,
  volumeSource: '',
  volumeTarget: '',
  volumeMode: 'ro',
  cpus: '',
  memoryMiB: '',
  constraints: '',
};

/**
 * The policy as the contract takes it: the common volume (and allowCommon)
 * only when a path is typed, each placement field only when filled in.
 */
export function policyInput(form: PolicyForm): PolicyInput {
  const constraints = form.constraints
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
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
    ...(form.cpus.trim() && { cpus: Number(form.cpus) }),
    ...(form.memoryMiB.trim() && { memoryBytes: Math.round(Number(form.memoryMiB) * MIB) }),
    ...(constraints.length > 0 && { constraints }),
  };
}

/** A policy in a few words, for a grant's tooltip and list. */
export function describePolicy(p: PolicyView): string {
  const parts = [`policy ${p.id}`];
  if (p.appLicense) parts.push('licence');
  if (p.allowHome) parts.push('home');
  if (p.allowView) parts.push('viewable');
  if (p.allowStartupData) parts.push('startup data');
  if (p.volume) parts.push(`${p.volume.source} → ${p.volume.target} (${p.volume.mode})`);
  if (p.cpus !== undefined) parts.push(`${p.cpus} CPU${p.cpus === 1 ? '' : 's'}`);
  if (p.memoryBytes !== undefined) parts.push(formatBytes(p.memoryBytes));
  if (p.constraints?.length) parts.push(`on ${p.constraints.join(', ')}`);
  return parts.join(', ');
}
